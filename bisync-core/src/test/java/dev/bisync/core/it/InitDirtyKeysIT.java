package dev.bisync.core.it;

import dev.bisync.core.InitReport;
import dev.bisync.core.InitialSync;
import dev.bisync.core.RejectedRow;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.bisync.core.it.InitialSyncIT.config;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Primary keys the initial copy cannot carry as they are: a MariaDB date key holding a zero date or a date no
 * calendar holds (the row is refused, the keyset paging goes on past it), and PostgreSQL text keys that differ on
 * PostgreSQL but are one key under MariaDB's case-insensitive, pad-space collation (the second and later are
 * refused, naming the key they collided with, instead of overwriting it).
 */
@ExtendWith(EmbeddedStackExtension.class)
class InitDirtyKeysIT {

    @Test
    void aZeroOrInvalidDateInTheKeyRefusesThatRowAndTheCopyPagesOnPastIt(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        execute(maria, "CREATE TABLE dirty_dkey (d date NOT NULL, n int NOT NULL, v varchar(10), PRIMARY KEY (d, n))");
        execute(pg, "CREATE TABLE dirty_dkey (d date NOT NULL, n int NOT NULL, v varchar(10), PRIMARY KEY (d, n))");
        try (Connection c = maria.connect(); Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = 'ALLOW_INVALID_DATES'");
            s.execute("INSERT INTO dirty_dkey SELECT '2023-02-20' + INTERVAL seq DAY, 1, CONCAT('r', seq) "
                    + "FROM seq_0_to_19");
            s.execute("INSERT INTO dirty_dkey VALUES ('0000-00-00', 1, 'zero'), ('0000-00-00', 2, 'zero2'), "
                    + "('2023-02-31', 1, 'feb31'), ('2023-02-30', 1, 'feb30'), ('2023-02-00', 1, 'zeroday')");
        }

        InitReport report = InitialSync.builder(config(stack, "dirtydkey", List.of("dirty_dkey"))).from("mariadb")
                .chunkRows(2).run();

        Map<String, String> rejected = report.rejected().stream().collect(Collectors.toMap(RejectedRow::key,
                r -> r.column() + " " + r.value(), (a, b) -> a + " | " + b, TreeMap::new));
        assertEquals(Map.of("(0000-00-00, 1)", "public.dirty_dkey.d 0000-00-00 (UnrepresentableValue)",
                "(0000-00-00, 2)", "public.dirty_dkey.d 0000-00-00 (UnrepresentableValue)",
                "(2023-02-00, 1)", "public.dirty_dkey.d 2023-02-00 (UnrepresentableValue)",
                "(2023-02-30, 1)", "public.dirty_dkey.d 2023-02-30 (UnrepresentableValue)",
                "(2023-02-31, 1)", "public.dirty_dkey.d 2023-02-31 (UnrepresentableValue)"), rejected,
                report.rejected().toString());
        assertEquals(25, report.rows(), "every row read, the chunks paged past each refused key");
        assertEquals(List.of(List.of("20", "2023-02-20", "2023-03-11")),
                Rows.read(pg, "SELECT count(*), min(d)::text, max(d)::text FROM dirty_dkey"));
        assertEquals(List.of(), report.unexplainedMismatches(), report.mismatches().toString());
    }
}
