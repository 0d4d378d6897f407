package dev.bisync.core.it;

import dev.bisync.core.report.InitReport;
import dev.bisync.core.InitialSync;
import dev.bisync.core.report.RejectedRow;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.bisync.core.it.InitialSyncIT.config;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every value the lanes refuse ({@link TypeCases.Rejection}, the "rejected" rows of {@code docs/type-mapping.md}
 * that {@link TypeMatrixIT} streams to the dead-letter topic) is refused by the initial copy too, with the same
 * value and reason — among them MariaDB's {@code TINYINT(1)} holding 2 into a PostgreSQL {@code boolean} (not read
 * as {@code true}) and a decimal with more fractional digits than the target keeps (not rounded) — in both
 * directions, by the bulk path and by the upserts; the row after them is copied.
 */
@ExtendWith(EmbeddedStackExtension.class)
class InitTypeRejectionsIT {

    @Test
    void fromMariaDbTheCopyRefusesWhatTheLaneRefusesWithTheSameReason(EmbeddedStack stack) throws Exception {
        TypeCases.createEnumTypes(stack.postgres());
        refusedLikeTheLanes(stack, "init_rej_m2p", "mariadb", stack.mariadb(), stack.postgres(), "public.",
                TypeCases.mariaToPostgresRejections(), true);
    }

    @Test
    void fromPostgresTheCopyRefusesWhatTheLaneRefusesWithTheSameReason(EmbeddedStack stack) throws Exception {
        TypeCases.createEnumTypes(stack.postgres());
        refusedLikeTheLanes(stack, "init_rej_p2m", "postgres", stack.postgres(), stack.mariadb(),
                EmbeddedStack.DATABASE + ".", TypeCases.postgresToMariaRejections(), false);
    }

    private static void refusedLikeTheLanes(EmbeddedStack stack, String table, String from, DatabaseEndpoint source,
            DatabaseEndpoint target, String targetNamespace, List<TypeCases.Rejection> rejections, boolean bulk)
            throws Exception {
        execute(source, TypeCases.rejectDdl(table, rejections, true));
        execute(target, TypeCases.rejectDdl(table, rejections, false));
        TypeCases.insertRejections(source, table, rejections);

        InitReport report = InitialSync.builder(config(stack, table.replace("_", ""), List.of(table))).from(from)
                .bulkLoad(bulk).run();

        List<String> copied = new java.util.ArrayList<>(List.of(String.valueOf(rejections.size() + 1)));
        for (int i = 0; i < rejections.size(); i++) {
            TypeCases.Rejection r = rejections.get(i);
            String column = targetNamespace + table + "." + r.column();
            List<RejectedRow> refused = report.rejected().stream().filter(row -> column.equals(row.column())).toList();
            if (r.reason().contains("Debezium sent") && refused.isEmpty()) {
                // a value capture sends as something else (the lanes read the source back and refuse the stand-in):
                // the copy reads the source's own value, and here writes it exactly
                String select = "SELECT " + r.column() + " FROM " + table + " WHERE id = " + (i + 1);
                assertEquals(Rows.read(source, select), Rows.read(target, select), r.name() + ": copied exactly");
                copied.add(String.valueOf(i + 1));
                continue;
            }
            assertEquals(1, refused.size(), r.name() + ": " + report.rejected());
            String message = refused.get(0).toString();
            String reason = r.reason().contains("Debezium sent") // the copy read the value itself: no stand-in
                    ? r.reason().substring(r.reason().indexOf(": ") + 2).replaceFirst("^it ", "") : r.reason();
            assertTrue(message.contains(r.shownValue()) && message.contains(reason), r.name() + ": the lane's "
                    + "value " + r.shownValue() + " and reason '" + reason + "', not: " + message);
        }
        assertEquals(rejections.size() + 1 - copied.size(), report.rejected().size(), report.rejected().toString());
        assertEquals(copied.stream().sorted().map(List::of).toList(),
                Rows.read(target, "SELECT id FROM " + table + " ORDER BY id").stream()
                        .sorted((a, b) -> a.get(0).compareTo(b.get(0))).toList(),
                "only the row of NULLs after them, and the values the copy reads exactly, are copied");
    }
}
