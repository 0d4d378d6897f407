package dev.bisync.core.it;

import dev.bisync.api.Health;
import dev.bisync.api.Alert;
import dev.bisync.api.config.AlertRules;
import dev.bisync.core.BiSync;
import dev.bisync.core.report.LaneStatus;
import dev.bisync.core.report.TableCheck;
import dev.bisync.core.InitialSync;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dirty values through the lanes (streaming), both directions, on the embedded stack with bisync's generated
 * connector configurations: a value capture cannot carry is refused with a reason naming the source's value, counted
 * and shown in the lane's health — never written as something else — and the connectors keep capturing (a later
 * ordinary change still arrives). The initial copy's side of the same values is in {@link DirtyDataIT}.
 */
@ExtendWith(EmbeddedStackExtension.class)
class DirtyStreamingIT {

    /** MariaDB's lenient mode: no strict mode, zero dates and zero parts allowed, any day 1 to 31 in any month. */
    private static final String LENIENT = "SET SESSION sql_mode = 'ALLOW_INVALID_DATES'";

    @Test
    void everyDateDebeziumSentInPlaceOfTheSourcesIsRefusedCountedAndDegradesTheLane(EmbeddedStack stack)
            throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        execute(maria, "CREATE TABLE dirty_sub (id int PRIMARY KEY, d date NULL, dt datetime NULL, "
                + "ts timestamp NULL DEFAULT NULL, dn date NOT NULL, note varchar(20) NULL) DEFAULT CHARSET utf8mb4");
        execute(pg, "CREATE TABLE dirty_sub (id int PRIMARY KEY, d date, dt timestamp, ts timestamptz, "
                + "dn date NOT NULL, note varchar(20))", "ALTER TABLE dirty_sub REPLICA IDENTITY FULL");
        execute(maria, "CREATE TABLE dirty_subkey (d date PRIMARY KEY, note varchar(20) NULL)");
        execute(pg, "CREATE TABLE dirty_subkey (d date PRIMARY KEY, note varchar(20))",
                "ALTER TABLE dirty_subkey REPLICA IDENTITY FULL");
        AlertLog alerts = new AlertLog();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String lane = "mariadb-to-postgres";
        try (SyncFixture fixture = new SyncFixture(stack, "dirtysub", 5691, List.of("dirty_sub", "dirty_subkey"), b -> b
                .alertRules(AlertRules.builder().symptoms(30, 30, 30, Duration.ofSeconds(10)).build())
                .listener(alerts));
             CapturedLog log = new CapturedLog()) {
            BiSync sync = fixture.start(registry);
            try (Connection c = maria.connect(); Statement s = c.createStatement()) {
                s.execute(LENIENT);
                s.execute("INSERT INTO dirty_sub VALUES (1, '2023-02-31', NULL, NULL, '2024-01-01', 'invalid date')");
                s.execute("INSERT INTO dirty_sub VALUES (2, NULL, '2023-02-31 10:11:12', NULL, '2024-01-01', "
                        + "'invalid datetime')");
                s.execute("INSERT INTO dirty_sub VALUES (3, '0000-00-00', NULL, NULL, '2024-01-01', 'zero date')");
                s.execute("INSERT INTO dirty_sub VALUES (4, '2023-00-15', NULL, NULL, '2024-01-01', 'zero month')");
                s.execute("INSERT INTO dirty_sub VALUES (5, NULL, NULL, '0000-00-00 00:00:00', '2024-01-01', "
                        + "'zero timestamp')");
                s.execute("INSERT INTO dirty_sub VALUES (6, NULL, NULL, NULL, '2023-02-31', 'invalid not null')");
                // the values capture's stand-ins look like, held for real: written as they are
                s.execute("INSERT INTO dirty_sub VALUES (7, NULL, '1970-01-01 00:00:00', NULL, '1970-01-01', "
                        + "'real epoch')");
                // in a key: Debezium sends 1970-01-01 as the key, and the source has no such row to read back
                s.execute("INSERT INTO dirty_subkey VALUES ('2023-02-31', 'invalid key'), ('2024-01-01', 'good key')");
            }
            execute(maria, "INSERT INTO dirty_sub VALUES (8, '2024-02-29', '2024-02-29 23:59:59', "
                    + "'2024-02-29 12:00:00', '2024-03-01', 'after them')");

            Rows.await("the change after the dirty ones on PostgreSQL", TIMEOUT,
                    () -> Rows.read(pg, "SELECT note FROM dirty_sub WHERE id = 8").equals(List.of(List.of(
                            "after them"))), () -> Rows.read(pg, "SELECT * FROM dirty_sub").toString());
            String dlq = "bisync.dirtysub." + lane + ".dlq";
            Rows.await("seven dead letters", TIMEOUT, () -> DeadLetterTopic.size(stack, dlq) == 7,
                    () -> DeadLetterTopic.read(stack, dlq).toString());
            String keyTopic = "dirtysubmaria." + EmbeddedStack.DATABASE + ".dirty_subkey";
            List<String> keyLetters = DeadLetterTopic.read(stack, dlq).stream()
                    .filter(l -> l.header("bisync.original.topic").equals(keyTopic))
                    .map(l -> l.header("bisync.error.message")).toList();
            assertEquals(1, keyLetters.size(), keyLetters.toString());
            assertTrue(keyLetters.get(0).startsWith("the source holds no row with key {d=1970-01-01} in "
                    + EmbeddedStack.DATABASE + ".dirty_subkey: Debezium sent 1970-01-01 in the key column d, in place "
                    + "of a date no target holds"), keyLetters.get(0));
            Rows.await("only the good key on PostgreSQL, not the invalid one as 1970-01-01", TIMEOUT,
                    () -> Rows.read(pg, "SELECT d::text, note FROM dirty_subkey").equals(List.of(List.of(
                            "2024-01-01", "good key"))), () -> Rows.read(pg, "SELECT * FROM dirty_subkey").toString());
            assertEquals(List.of(List.of("7", "NULL", "1970-01-01 00:00:00", "1970-01-01", "real epoch"),
                    List.of("8", "2024-02-29", "2024-02-29 23:59:59", "2024-03-01", "after them")),
                    Rows.read(pg, "SELECT id, d::text, dt::text, dn::text, note FROM dirty_sub ORDER BY id"),
                    "only rows whose dates the source holds as sent");
            Map<String, String> reasons = new TreeMap<>(DeadLetterTopic.read(stack, dlq).stream()
                    .filter(l -> !l.header("bisync.original.topic").equals(keyTopic)).collect(
                    Collectors.toMap(l -> l.header("bisync.error.message").replaceAll(".*\\(key \\{id=(\\d+)}.*",
                            "$1"), l -> l.header("bisync.error.class") + ": " + l.header("bisync.error.message"))));
            System.out.println("[DirtyStreamingIT] " + reasons);
            assertEquals(List.of("1", "2", "3", "4", "5", "6"), List.copyOf(reasons.keySet()), reasons.toString());
            assertTrue(reasons.values().stream().allMatch(r -> r.startsWith("SubstitutedValueException: the source "
                    + "holds ")), reasons.toString());
            assertTrue(reasons.get("1").contains("the source holds 2023-02-31 in " + EmbeddedStack.DATABASE
                    + ".dirty_sub.d, which Debezium sent as 1970-01-01: it is no day of the calendar (MariaDB/MySQL "
                    + "accept it under ALLOW_INVALID_DATES) (key {id=1}, source position "), reasons.get("1"));
            assertTrue(reasons.get("2").contains("the source holds 2023-02-31 10:11:12 in " + EmbeddedStack.DATABASE
                    + ".dirty_sub.dt, which Debezium sent as 1970-01-01T00:00"), reasons.get("2"));
            assertTrue(reasons.get("3").contains("the source holds 0000-00-00 in " + EmbeddedStack.DATABASE
                    + ".dirty_sub.d, which Debezium sent as NULL: it is MariaDB/MySQL's zero date"), reasons.get("3"));
            assertTrue(reasons.get("4").contains("the source holds 2023-00-15 in " + EmbeddedStack.DATABASE
                    + ".dirty_sub.d, which Debezium sent as NULL: it has a zero month"), reasons.get("4"));
            assertTrue(reasons.get("5").contains("the source holds 0000-00-00 00:00:00 in " + EmbeddedStack.DATABASE
                    + ".dirty_sub.ts, which Debezium sent as 1970-01-01T00:00:00Z"), reasons.get("5"));
            assertTrue(reasons.get("6").contains("the source holds 2023-02-31 in " + EmbeddedStack.DATABASE
                    + ".dirty_sub.dn, which Debezium sent as 1970-01-01"), reasons.get("6"));

            assertEquals(6.0, registry.get("bisync.values.substituted").tag("lane", lane).tag("table", "dirty_sub")
                    .counter().count());
            assertEquals(1.0, registry.get("bisync.values.substituted").tag("lane", lane).tag("table",
                    "dirty_subkey").counter().count());
            Rows.await("alert " + Alert.Rule.VALUES_SUBSTITUTED, TIMEOUT,
                    () -> alerts.contains("raised VALUES_SUBSTITUTED " + lane), alerts::toString);
            LaneStatus status = sync.status().stream().filter(l -> l.lane().equals(lane)).findFirst().orElseThrow();
            assertEquals(Health.DEGRADED, status.status(), status.toString());
            assertTrue(status.reason().matches("lane " + lane + " refused \\d+ changes? within 10 s whose source "
                    + "value capture could not send .*"), status.reason()); // the count when the alert was raised
            assertTrue(log.text().contains("dead-lettering dirtysubmaria." + EmbeddedStack.DATABASE + ".dirty_sub-"),
                    "each refusal logged with its record and reason");
            assertTrue(log.text().contains("which Debezium sent as NULL"), "the log names the substitution");

            // a later change of a row with a real NULL date is checked again and applied
            execute(maria, "UPDATE dirty_sub SET note = 'touched' WHERE id = 7");
            Rows.await("the update of row 7", TIMEOUT, () -> Rows.read(pg, "SELECT note FROM dirty_sub WHERE id = 7")
                    .equals(List.of(List.of("touched"))), () -> Rows.read(pg, "SELECT * FROM dirty_sub").toString());
            Rows.await("the lane UP once the window holds no refusal", TIMEOUT,
                    () -> alerts.contains("cleared VALUES_SUBSTITUTED " + lane), alerts::toString);

            // the cost: 2,000 rows with NULL dates, every one a candidate, read back with one query per batch
            long selects = comSelect(maria);
            double batches = registry.get("bisync.batch.size").tag("lane", lane).summary().count();
            long t0 = System.nanoTime();
            execute(maria, "INSERT INTO dirty_sub (id, dn, note) SELECT 100 + seq, '2024-01-01', 'bulk' "
                    + "FROM seq_1_to_2000");
            Rows.await("the 2,000 rows with NULL dates on PostgreSQL", TIMEOUT, () -> Rows.read(pg,
                    "SELECT count(*) FROM dirty_sub WHERE note = 'bulk'").equals(List.of(List.of("2000"))),
                    () -> Rows.read(pg, "SELECT count(*) FROM dirty_sub").toString());
            long millis = (System.nanoTime() - t0) / 1_000_000;
            long checkQueries = comSelect(maria) - selects;
            double newBatches = registry.get("bisync.batch.size").tag("lane", lane).summary().count() - batches;
            System.out.printf("[DirtyStreamingIT] 2000 rows with NULL dates: %d ms, %.0f batches, %d source "
                    + "queries%n", millis, newBatches, checkQueries);
            // one source transaction: one batch (applied whole) or, past the assembler's bound, a few; per batch at
            // most one query per 512 keys (4 for 2,000), plus the few statements a new source connection runs
            long bound = 4 * Math.max(1, (long) Math.ceil(newBatches)) + 4;
            assertTrue(checkQueries <= bound, "one query per batch and bucket of up to 512 keys: " + checkQueries
                    + " queries for " + newBatches + " batches (at most " + bound + ")");
            assertEquals(6.0, registry.get("bisync.values.substituted").tag("lane", lane).tag("table", "dirty_sub")
                    .counter().count(), "real NULLs are not refused");
            List<TableCheck> checks = InitialSync.builder(fixture.config).from("mariadb").build().verify();
            assertEquals(List.of("dirty_sub", "dirty_subkey"), checks.stream().filter(c -> !c.equal())
                    .map(TableCheck::table).sorted().toList(), "the verification finds the refused rows: " + checks);
        }
    }

    /** MariaDB's count of SELECT statements since it started (every session). */
    private static long comSelect(DatabaseEndpoint maria) throws Exception {
        return Long.parseLong(Rows.read(maria, "SHOW GLOBAL STATUS LIKE 'Com_select'").get(0).get(1));
    }

    @Test
    void labelsAndKeysOutsideTheBmpCrossFromPostgresExactlyAndComeBackRefusedNotMangled(EmbeddedStack stack)
            throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        execute(pg, "CREATE TYPE dirty_lbl_mood AS ENUM ('\uD83D\uDE00x', 'a\\b', 'plain')",
                "CREATE TABLE dirty_lbl (k varchar(10) PRIMARY KEY, e dirty_lbl_mood, s text, n int)",
                "ALTER TABLE dirty_lbl REPLICA IDENTITY FULL");
        execute(maria, "CREATE TABLE dirty_lbl (k varchar(10) COLLATE utf8mb4_nopad_bin PRIMARY KEY, "
                + "e enum('\uD83D\uDE00x', 'a\\\\b', 'plain'), s set('x\\\\y', '\uD83D\uDE00', 'z'), n int) "
                + "DEFAULT CHARSET utf8mb4");
        String back = "mariadb-to-postgres";
        try (SyncFixture fixture = new SyncFixture(stack, "dirtylbl", 5692, List.of("dirty_lbl"), b -> { })) {
            fixture.start();
            execute(pg, "INSERT INTO dirty_lbl VALUES ('\uD83D\uDE001', '\uD83D\uDE00x', 'x\\y,\uD83D\uDE00', 1), "
                    + "('a\\b', 'a\\b', 'z', 2), ('plain', 'plain', '', 3)");
            List<List<String>> exact = List.of(List.of("a\\b", "a\\b", "z", "2"), List.of("plain", "plain", "", "3"),
                    List.of("\uD83D\uDE001", "\uD83D\uDE00x", "x\\y,\uD83D\uDE00", "1"));
            String rows = "SELECT k, CAST(e AS CHAR), CAST(s AS CHAR), n FROM dirty_lbl ORDER BY k";
            Rows.await("the rows on MariaDB, exact", TIMEOUT, () -> Rows.read(maria, rows).equals(exact),
                    () -> Rows.read(maria, rows).toString());

            // changed on MariaDB, the rows come back through Debezium's connector, which sends the labels as it reads
            // them from the table's definition ('?x', 'a\\b'): refused with the source's value, not written
            execute(maria, "UPDATE dirty_lbl SET n = n + 10");
            execute(maria, "INSERT INTO dirty_lbl VALUES ('later', 'plain', 'z', 4)");
            Rows.await("the row without such labels and the later one on PostgreSQL", TIMEOUT,
                    () -> Rows.read(pg, "SELECT k, n FROM dirty_lbl WHERE n > 3 ORDER BY k").equals(List.of(
                            List.of("later", "4"), List.of("plain", "13"))),
                    () -> Rows.read(pg, "SELECT * FROM dirty_lbl").toString());
            String dlq = "bisync.dirtylbl." + back + ".dlq";
            Rows.await("two dead letters", TIMEOUT, () -> DeadLetterTopic.size(stack, dlq) == 2,
                    () -> DeadLetterTopic.read(stack, dlq).toString());
            List<String> reasons = DeadLetterTopic.read(stack, dlq).stream().map(l -> l.header("bisync.error.class")
                    + ": " + l.header("bisync.error.message")).sorted().toList();
            System.out.println("[DirtyStreamingIT] " + reasons);
            String emoji = reasons.stream().filter(r -> r.contains("{k=\uD83D\uDE001}")).findFirst().orElseThrow();
            assertTrue(emoji.startsWith("SubstitutedValueException: the source holds '\uD83D\uDE00x' in "
                    + EmbeddedStack.DATABASE + ".dirty_lbl.e, which Debezium sent as '?x': Debezium's MariaDB/MySQL "
                    + "connector takes ENUM and SET labels from the table's definition as the server shows it"), emoji);
            assertTrue(emoji.contains("; the source holds 'x\\y,\uD83D\uDE00' in " + EmbeddedStack.DATABASE
                    + ".dirty_lbl.s, which Debezium sent as 'x\\\\y,?'"), emoji);
            String backslash = reasons.stream().filter(r -> r.contains("{k=a\\b}")).findFirst().orElseThrow();
            assertTrue(backslash.startsWith("SubstitutedValueException: the source holds 'a\\b' in "
                    + EmbeddedStack.DATABASE + ".dirty_lbl.e, which Debezium sent as 'a\\\\b'"), backslash);
            assertEquals(List.of(List.of("\uD83D\uDE001", "\uD83D\uDE00x", "1"), List.of("a\\b", "a\\b", "2")),
                    Rows.read(pg, "SELECT k, e::text, n FROM dirty_lbl WHERE n < 3 ORDER BY n"),
                    "PostgreSQL keeps its rows as they were, not mangled");
        }
    }
}
