package dev.bisync.core.it;

import dev.bisync.core.report.InitReport;
import dev.bisync.core.InitialSync;
import dev.bisync.core.report.RejectedRow;
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

    @Test
    void keysThatOneTargetCollationMakesEqualAreRefusedNamingTheKeyTheyMetNotMerged(EmbeddedStack stack)
            throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        execute(pg, "CREATE TABLE dirty_ci (k varchar(10) PRIMARY KEY, v int)",
                "INSERT INTO dirty_ci VALUES ('a', 1), ('A', 2), ('a ', 3), ('b', 4), ('B ', 5), ('e', 6), "
                        + "('\u00e9', 7), ('c', 8), ('d', 9)");
        execute(maria, "CREATE TABLE dirty_ci (k varchar(10) PRIMARY KEY, v int) DEFAULT CHARSET utf8mb4 "
                + "COLLATE utf8mb4_uca1400_ai_ci", "INSERT INTO dirty_ci VALUES ('C', 80)");

        InitReport report = InitialSync.builder(config(stack, "dirtyci", List.of("dirty_ci"))).from("postgres")
                .chunkRows(2).run();

        List<List<String>> kept = Rows.read(maria, "SELECT k, v FROM dirty_ci ORDER BY v");
        assertEquals(5, kept.size(), "one row per key MariaDB tells apart: " + kept);
        Map<String, String> winner = new TreeMap<>();
        kept.forEach(r -> winner.put(r.get(0).strip().toLowerCase(java.util.Locale.ROOT).replace('\u00e9', 'e'),
                r.get(0)));
        assertEquals("C", winner.get("c"), "the target's own row is not overwritten: " + kept);
        assertEquals(List.of("80"), kept.stream().filter(r -> r.get(0).equals("C")).map(r -> r.get(1)).toList());
        assertEquals(5, report.rejected().size(), report.rejected().toString());
        for (RejectedRow r : report.rejected()) {
            String source = r.key().substring(1, r.key().length() - 1);
            String met = winner.get(source.strip().toLowerCase(java.util.Locale.ROOT).replace('\u00e9', 'e'));
            assertTrue(r.reason().startsWith("is one key with (" + met + ") under the target's collation, which "
                    + "compares them equal (key column app.dirty_ci.k (varchar, collation utf8mb4_uca1400_ai_ci) "
                    + "compares keys ignoring case, accents and trailing spaces"), r.toString());
            assertEquals("app.dirty_ci.k", r.column(), r.toString());
        }
        List<DeadLetterTopic.Letter> letters = DeadLetterTopic.read(stack, "bisync.dirtyci.postgres-to-mariadb.dlq");
        assertEquals(5, letters.size(), letters.toString());
        assertTrue(letters.stream().allMatch(l -> "KeyCollision".equals(l.header("bisync.error.class"))),
                letters.toString());
        assertEquals(List.of(), report.unexplainedMismatches(), "the table differs by its refused rows only: "
                + report.mismatches());
    }

    @Test
    void intoAPostgresCitextKeyTheSecondOfTwoKeysThatDifferByCaseIsRefused(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        execute(maria, "CREATE TABLE dirty_citext (k varchar(10) COLLATE utf8mb4_nopad_bin PRIMARY KEY, v int) "
                + "DEFAULT CHARSET utf8mb4", "INSERT INTO dirty_citext VALUES ('A', 1), ('a', 2), ('b', 3)");
        execute(pg, "CREATE EXTENSION IF NOT EXISTS citext", "CREATE TABLE dirty_citext (k citext PRIMARY KEY, v int)");

        InitReport report = InitialSync.builder(config(stack, "dirtycitext", List.of("dirty_citext")))
                .from("mariadb").run();

        assertEquals(List.of(List.of("A", "1"), List.of("b", "3")),
                Rows.read(pg, "SELECT k, v FROM dirty_citext ORDER BY v"), "'a' does not overwrite 'A'");
        assertEquals(1, report.rejected().size(), report.rejected().toString());
        assertEquals("mariadb-to-postgres dirty_citext key (a): cannot write (a) into public.dirty_citext.k: is one "
                + "key with (A) under the target's collation, which compares them equal (key column "
                + "public.dirty_citext.k (citext) compares keys ignoring case: keys that differ only so on the other "
                + "side are one key here); writing it would overwrite that row", report.rejected().get(0).toString());
    }
}
