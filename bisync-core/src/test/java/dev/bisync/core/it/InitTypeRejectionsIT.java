package dev.bisync.core.it;

import dev.bisync.core.InitReport;
import dev.bisync.core.InitialSync;
import dev.bisync.core.RejectedRow;
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

        for (TypeCases.Rejection r : rejections) {
            String column = targetNamespace + table + "." + r.column();
            List<RejectedRow> refused = report.rejected().stream().filter(row -> column.equals(row.column())).toList();
            assertEquals(1, refused.size(), r.name() + ": " + report.rejected());
            String message = refused.get(0).toString();
            assertTrue(message.contains(r.shownValue()) && message.contains(r.reason()), r.name() + ": the lane's "
                    + "value " + r.shownValue() + " and reason '" + r.reason() + "', not: " + message);
        }
        assertEquals(rejections.size(), report.rejected().size(), report.rejected().toString());
        assertEquals(List.of(List.of(String.valueOf(rejections.size() + 1))),
                Rows.read(target, "SELECT id FROM " + table), "only the row of NULLs after them is copied");
    }
}
