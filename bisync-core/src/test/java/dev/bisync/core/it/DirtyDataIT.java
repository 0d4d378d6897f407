package dev.bisync.core.it;

import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.CaptureSettings;
import dev.bisync.core.CaptureSetup;
import dev.bisync.core.report.ConnectorStatus;
import dev.bisync.core.report.InitReport;
import dev.bisync.core.InitialSync;
import dev.bisync.core.SyncConfigFile;
import dev.bisync.core.report.RejectedRow;
import dev.bisync.core.report.TableCheck;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.bisync.core.it.InitialSyncIT.config;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data that legacy databases hold — MariaDB dates taken under lenient {@code sql_mode}s (zero dates, zero months and
 * days, February 31 under {@code ALLOW_INVALID_DATES}), PostgreSQL {@code numeric} {@code NaN}/{@code ±Infinity},
 * floats at their limits, multi-dimensional arrays, 4-byte UTF-8 — on the embedded stack: capture keeps running
 * past a value the connector cannot read, and the initial copy refuses exactly the rows whose values have no
 * faithful target form, reports each with table, key, column, value and reason, and copies the rest.
 */
@ExtendWith(EmbeddedStackExtension.class)
class DirtyDataIT {

    /** MariaDB's lenient mode: no strict mode, zero dates and zero parts allowed, any day 1 to 31 in any month. */
    private static final String LENIENT = "SET SESSION sql_mode = 'ALLOW_INVALID_DATES'";

    @Test
    void captureKeepsStreamingPastAnInvalidDateWhereDebeziumsDefaultStopsAndVerificationFindsTheRow(
            EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        execute(maria, "CREATE TABLE dirty_cap (id int PRIMARY KEY, d date NULL, dn date NOT NULL, "
                + "note varchar(20) NULL, f float NULL, y year NULL) DEFAULT CHARSET utf8mb4");
        execute(pg, "CREATE TABLE dirty_cap (id int PRIMARY KEY, d date, dn date NOT NULL, note varchar(20), f real, "
                + "y smallint)",
                "ALTER TABLE dirty_cap REPLICA IDENTITY FULL");
        try (SyncFixture fixture = new SyncFixture(stack, "dirtycap", 5621, List.of("dirty_cap"), b -> { })) {
            // the same generated configuration with Debezium's default handling mode ('fail'), on the same binlog
            CaptureSetup setup = new CaptureSetup(fixture.config);
            Map<String, String> strict = setup.connectorConfig("mariadb", new CaptureSettings("dirtystrict-maria",
                    maria.host(), maria.port(), maria.database(), maria.user(), maria.password(), 5622, "no_data"));
            assertEquals("warn", strict.get("event.processing.failure.handling.mode"), "bisync generates 'warn'");
            strict.remove("event.processing.failure.handling.mode");
            strict.put("topic.prefix", "dirtystrict");
            strict.put("schema.history.internal.kafka.topic", "dirtystrict.schema-history");
            fixture.connect.put("dirtystrict-maria", strict);
            try {
                fixture.connect.awaitRunning("dirtystrict-maria", SyncFixture.TIMEOUT);
                stack.awaitStreaming("dirtystrict", SyncFixture.TIMEOUT);
                fixture.start();
                try (Connection c = maria.connect(); Statement s = c.createStatement()) {
                    s.execute(LENIENT);
                    s.execute("INSERT INTO dirty_cap VALUES (1, '2023-02-31', '2024-01-01', 'invalid date', 1, 2024)");
                    s.execute("INSERT INTO dirty_cap VALUES (3, NULL, '0000-00-00', 'zero date', 1, 2024)");
                    s.execute("INSERT INTO dirty_cap VALUES (4, NULL, '2023-00-15', 'zero month', 1, 2024)");
                }
                execute(maria, "INSERT INTO dirty_cap VALUES (2, '2024-02-29', '2024-03-01', 'after it', "
                        + "3.4028234e38, 0)");

                Rows.await("the change after the invalid date on PostgreSQL", SyncFixture.TIMEOUT,
                        () -> Rows.read(pg, "SELECT note FROM dirty_cap WHERE id = 2").equals(
                                List.of(List.of("after it"))), () -> Rows.read(pg, "SELECT * FROM dirty_cap").toString());
                Rows.await("Debezium's default mode to stop on the invalid date", SyncFixture.TIMEOUT,
                        () -> fixture.connect.status("dirtystrict-maria").failed(),
                        () -> fixture.connect.status("dirtystrict-maria").toString());
                ConnectorStatus failed = fixture.connect.status("dirtystrict-maria");
                assertTrue(failed.trace().contains("date"), failed.trace());
                ConnectorStatus generated = fixture.connect.status("dirtycap-maria");
                assertTrue(generated.running(), "the generated configuration keeps capturing: " + generated);

                assertEquals(List.of(List.of("3.4028235e+38", "0")),
                        Rows.read(pg, "SELECT f::text, y FROM dirty_cap WHERE id = 2"),
                        "the largest FLOAT exact, YEAR 0000 as 0 (the binlog reader sends 1900)");
                // in a NOT NULL column bisync's converter tells the zero date from the epoch Debezium puts there;
                // the epoch Debezium's binlog reader puts in place of the invalid date (before any converter sees
                // it) is found by the lane reading the source row (DirtyStreamingIT has every kind)
                String dlq = "bisync.dirtycap.mariadb-to-postgres.dlq";
                Rows.await("the zero dates of the NOT NULL column and the invalid date dead-lettered",
                        SyncFixture.TIMEOUT, () -> DeadLetterTopic.size(stack, dlq) == 3,
                        () -> DeadLetterTopic.read(stack, dlq).toString());
                List<String> reasons = DeadLetterTopic.read(stack, dlq).stream()
                        .map(l -> l.headers().get("bisync.error.message")).toList();
                assertEquals(2, reasons.stream().filter(r -> r.contains("cannot write 0000-00-00 "
                        + "(UnrepresentableValue) into public.dirty_cap.dn (date): is MariaDB/MySQL's zero date or a "
                        + "date with a zero month or day")).count(), reasons.toString());
                assertEquals(1, reasons.stream().filter(r -> r.startsWith("the source holds 2023-02-31 in "
                        + maria.database() + ".dirty_cap.d, which Debezium sent as 1970-01-01")).count(),
                        reasons.toString());
                assertEquals(List.of(List.of("2", "2024-03-01")),
                        Rows.read(pg, "SELECT id, dn::text FROM dirty_cap ORDER BY id"));
                List<TableCheck> checks = InitialSync.builder(fixture.config).from("mariadb").build().verify();
                assertEquals(List.of("dirty_cap"), checks.stream().filter(c -> !c.equal()).map(TableCheck::table)
                        .toList(), checks.toString());
            } finally {
                fixture.connect.delete("dirtystrict-maria");
            }
        }
    }

    @Test
    void streamingRefusesNumericNaNAndInfinityWithAReasonInsteadOfWritingNull(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        execute(pg, "CREATE TABLE dirty_num (id int PRIMARY KEY, n numeric, m numeric(12,3), r real, "
                        + "t varchar(10), a int[])",
                "ALTER TABLE dirty_num REPLICA IDENTITY FULL");
        execute(maria, "CREATE TABLE dirty_num (id int PRIMARY KEY, n decimal(65,30), m decimal(12,3), r float, "
                + "t varchar(10), a json) DEFAULT CHARSET utf8mb4");
        try (SyncFixture fixture = new SyncFixture(stack, "dirtynum", 5623, List.of("dirty_num"), b -> { })) {
            fixture.start();
            execute(pg, "INSERT INTO dirty_num VALUES (1, 1.25, 1.5, 3.4028235e38, '\uD83D\uDE00\u00e9', "
                            + "'{{1,2},{3,4}}')",
                    "INSERT INTO dirty_num VALUES (2, 'NaN', 2)",
                    "INSERT INTO dirty_num VALUES (3, 'Infinity', 3)",
                    "INSERT INTO dirty_num VALUES (4, '-Infinity', 4)",
                    "INSERT INTO dirty_num VALUES (5, 12345678901234567890.123456789012345678901234567890, 'NaN')",
                    "INSERT INTO dirty_num VALUES (6, -0.000000000000000000000000000001, -999999999.999)");
            String dlq = "bisync.dirtynum.postgres-to-mariadb.dlq";
            Rows.await("rows 1 and 6 applied, four dead letters", SyncFixture.TIMEOUT,
                    () -> DeadLetterTopic.size(stack, dlq) == 4
                            && Rows.read(maria, "SELECT count(*) FROM dirty_num").equals(List.of(List.of("2"))),
                    () -> DeadLetterTopic.read(stack, dlq) + " " + Rows.read(maria, "SELECT * FROM dirty_num"));
            assertEquals(List.of(List.of("1", "1.25", "1.5"), List.of("6", "-0.000000000000000000000000000001",
                    "-999999999.999")), Rows.read(maria, "SELECT id, n, m FROM dirty_num ORDER BY id"),
                    "numeric through bisync's converter stays exact");
            assertEquals(List.of(List.of(plain("3.4028234663852886E38"), "\uD83D\uDE00\u00e9", "[[1,2],[3,4]]")),
                    Rows.read(maria, "SELECT CAST(r AS DOUBLE), t, a FROM dirty_num WHERE id = 1"),
                    "the largest real into MariaDB's FLOAT, 4-byte UTF-8, a 2-D array through bisync's converter "
                            + "(the connector alone sends [null,null])");
            List<String> reasons = DeadLetterTopic.read(stack, dlq).stream()
                    .map(l -> l.headers().get("bisync.error.message")).sorted().toList();
            assertEquals(4, reasons.size(), reasons.toString());
            assertTrue(reasons.stream().allMatch(r -> r.contains("(UnrepresentableValue) into app.dirty_num.")
                    && r.contains("which no decimal holds")), reasons.toString());
            assertTrue(reasons.stream().anyMatch(r -> r.contains("cannot write NaN (UnrepresentableValue) into "
                    + "app.dirty_num.m")), reasons.toString());
            assertTrue(reasons.stream().anyMatch(r -> r.contains("cannot write -Infinity")), reasons.toString());
        }
    }

    @Test
    void initFromMariaDbReportsEachRowTheTargetCannotHoldAndCopiesTheRest(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        execute(maria, "CREATE TABLE dirty_init (id int PRIMARY KEY, d date NULL, dt datetime NULL, f float NULL, "
                + "y year NULL, t varchar(20) NULL) DEFAULT CHARSET utf8mb4");
        execute(pg, "CREATE TABLE dirty_init (id int PRIMARY KEY CHECK (id <> 500), d date, dt timestamp, f real, "
                + "y smallint, t varchar(10))");
        try (Connection c = maria.connect(); Statement s = c.createStatement()) {
            s.execute(LENIENT);
            s.execute("INSERT INTO dirty_init SELECT seq, '2024-01-01' + INTERVAL seq DAY, NULL, seq / 4, 2024, "
                    + "CONCAT('r', seq) FROM seq_1_to_1000");
            s.execute("UPDATE dirty_init SET f = 3.4028234e38, t = '\uD83D\uDE00 x', y = 0 WHERE id = 1");
            s.execute("UPDATE dirty_init SET d = '0000-00-00' WHERE id IN (2, 950)");
            s.execute("UPDATE dirty_init SET d = '2023-00-15' WHERE id = 3");
            s.execute("UPDATE dirty_init SET dt = '2023-02-31 10:11:12' WHERE id = 4");
            s.execute("UPDATE dirty_init SET d = '2023-04-00' WHERE id = 5");
            s.execute("UPDATE dirty_init SET t = 'eleven char' WHERE id = 7");
        }

        InitReport report = InitialSync.builder(config(stack, "dirtyinit", List.of("dirty_init"))).from("mariadb")
                .chunkRows(100).run();

        Map<String, String> rejected = byKey(report.rejected());
        assertEquals(List.of("(2)", "(3)", "(4)", "(5)", "(500)", "(7)", "(950)"), List.copyOf(rejected.keySet()),
                report.rejected().toString());
        assertEquals("public.dirty_init.d 0000-00-00 (UnrepresentableValue): is MariaDB/MySQL's zero date, which no date type of the other "
                + "database holds (lenient sql_mode without NO_ZERO_DATE)", rejected.get("(2)"));
        assertEquals("public.dirty_init.d 2023-00-15 (UnrepresentableValue): has a zero month, which no date type of the other database "
                + "holds (lenient sql_mode without NO_ZERO_IN_DATE)", rejected.get("(3)"));
        assertEquals("public.dirty_init.dt 2023-02-31 10:11:12 (UnrepresentableValue): is no day of the calendar (MariaDB/MySQL accept it "
                + "under ALLOW_INVALID_DATES)", rejected.get("(4)"));
        assertTrue(rejected.get("(5)").contains("has a zero day"), rejected.get("(5)"));
        assertTrue(rejected.get("(7)").startsWith("public.dirty_init.t 'eleven char': has 11 characters"),
                rejected.get("(7)"));
        assertTrue(rejected.get("(500)").startsWith("null null: ") && rejected.get("(500)").contains("23514"),
                "the database's own refusal, with its SQLState: " + rejected.get("(500)"));
        assertEquals(1000, report.rows(), "rows read");
        assertEquals(List.of(List.of("993")), Rows.read(pg, "SELECT count(*) FROM dirty_init"));
        assertEquals(List.of(List.of("3.4028235e+38", "\uD83D\uDE00 x", "0")),
                Rows.read(pg, "SELECT f::text, t, y FROM dirty_init WHERE id = 1"),
                "FLOAT read with all its digits (not 3.40282e+38), 4-byte UTF-8, YEAR 0");
        assertEquals(List.of(List.of("2024-01-07", "1.5")), Rows.read(pg, "SELECT d::text, f FROM dirty_init WHERE id = 6"));
        assertEquals(List.of("dirty_init"), report.mismatches().stream().map(TableCheck::table).toList());
        assertEquals(List.of(), report.unexplainedMismatches(), "the table differs by its rejected rows only");
        assertTrue(report.mismatches().get(0).sourceRows() == 1000 && report.mismatches().get(0).targetRows() == 993);
    }

    @Test
    void initFromPostgresRefusesNaNAndInfinityAndCarriesArraysAndExtremeFloats(EmbeddedStack stack)
            throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        execute(pg, "CREATE TABLE dirty_pg (id int PRIMARY KEY, n numeric, x float8, r real, a int[], t text)");
        execute(maria, "CREATE TABLE dirty_pg (id int PRIMARY KEY, n decimal(65,30), x double, r float, a json, "
                + "t text) DEFAULT CHARSET utf8mb4");
        execute(pg, "INSERT INTO dirty_pg VALUES (1, 1.5, 1.7976931348623157e308, 3.4028235e38, '{{1,2},{3,4}}', "
                        + "'\uD83D\uDE00')",
                "INSERT INTO dirty_pg VALUES (2, 'NaN', 0, 0, NULL, NULL)",
                "INSERT INTO dirty_pg VALUES (3, 'Infinity', 0, 0, NULL, NULL)",
                "INSERT INTO dirty_pg VALUES (4, '-Infinity', 0, 0, NULL, NULL)",
                "INSERT INTO dirty_pg VALUES (5, 0, 'NaN', 0, NULL, NULL)",
                "INSERT INTO dirty_pg VALUES (6, 2, -1.7976931348623157e308, -3.4028235e38, '{}', 'ok')");
        Path file = Files.createTempFile("bisync-dirty", ".properties");
        Files.writeString(file, SyncFixture.configFile(config(stack, "dirtypg", List.of("dirty_pg"))));

        SyncConfig config = SyncConfigFile.load(file);
        InitReport report = InitialSync.builder(config).from("postgres").chunkRows(4).run();

        String rejected = report.rejected().toString();
        assertTrue(rejected.contains("postgres-to-mariadb dirty_pg key (2): cannot write NaN "
                + "(UnrepresentableValue) into app.dirty_pg.n: is a numeric NaN, which no decimal holds"), rejected);
        assertTrue(rejected.contains("key (3): cannot write Infinity (UnrepresentableValue)"), rejected);
        assertTrue(rejected.contains("key (4): cannot write -Infinity (UnrepresentableValue)"), rejected);
        assertTrue(rejected.contains("key (5): cannot write NaN (Double) into app.dirty_pg.x"), rejected);
        assertEquals(List.of(4, 1, 1), List.of(report.rejected().size(), report.checks().size(),
                report.mismatches().size()), "the largest real and double are not refused by MariaDB's FLOAT and "
                + "DOUBLE: " + report);
        assertEquals(List.of(), report.unexplainedMismatches(), "refused rows only (bisync init's exit code 2)");
        InitReport again = InitialSync.builder(config).from("postgres").run();
        assertTrue(again.tablesCopied() == 0 && again.rejected().size() == 4
                && again.rejected().toString().contains("postgres-to-mariadb dirty_pg key (2): cannot write NaN")
                && again.unexplainedMismatches().isEmpty(),
                "a run that finds the table done still reports what the copy refused (bisync_init_rejected): " + again);
        assertEquals(List.of(List.of("1", "1.5", plain("1.7976931348623157E308"), plain("3.4028234663852886E38"),
                        "[[1,2],[3,4]]", "\uD83D\uDE00"),
                List.of("6", "2", plain("-1.7976931348623157E308"), plain("-3.4028234663852886E38"), "[]", "ok")),
                Rows.read(maria, "SELECT id, n, x, CAST(r AS DOUBLE), a, t FROM dirty_pg ORDER BY id"),
                "the largest double and float exact, a 2-D array as nested JSON arrays, 4-byte UTF-8");
    }

    @Test
    void enumAndSetLabelsWithBackslashesAndFourByteCharactersAreWrittenAndOthersRefused(EmbeddedStack stack)
            throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        execute(pg, "CREATE TABLE dirty_enum (id int PRIMARY KEY, e text, s text)",
                "INSERT INTO dirty_enum VALUES (1, 'a\\b', 'x\\y,\uD83D\uDE00'), (2, '\uD83D\uDE00x', 'z'), "
                        + "(3, 'plain', ''), (4, 'nope', 'z'), (5, 'plain', 'z,nope')");
        execute(maria, "CREATE TABLE dirty_enum (id int PRIMARY KEY, e enum('a\\\\b', '\uD83D\uDE00x', 'plain'), "
                + "s set('x\\\\y', '\uD83D\uDE00', 'z')) DEFAULT CHARSET utf8mb4");
        String columnTypes = Rows.read(maria, "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_NAME = "
                + "'dirty_enum' AND COLUMN_NAME IN ('e', 's') ORDER BY COLUMN_NAME").toString();

        InitReport report = InitialSync.builder(config(stack, "dirtyenum", List.of("dirty_enum"))).from("postgres")
                .run();

        assertEquals(List.of("(4)", "(5)"), report.rejected().stream().map(RejectedRow::key).toList(),
                report.rejected() + " with the column types " + columnTypes);
        assertEquals(List.of(List.of("1", "a\\b", "x\\y,\uD83D\uDE00"), List.of("2", "\uD83D\uDE00x", "z"),
                List.of("3", "plain", "")), Rows.read(maria, "SELECT id, e, s FROM dirty_enum ORDER BY id"));
    }

    @Test
    void keysThatDifferOnlyByCaseOrTrailingSpacesAreNamedAtStartAndTheCopyRefusesAllButOne(EmbeddedStack stack)
            throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        execute(pg, "CREATE TABLE dirty_keys (k varchar(10) PRIMARY KEY, v int)",
                "INSERT INTO dirty_keys VALUES ('a', 1), ('A', 2), ('a ', 3), ('b', 4)");
        execute(maria, "CREATE TABLE dirty_keys (k varchar(10) PRIMARY KEY, v int) DEFAULT CHARSET utf8mb4",
                "CREATE TABLE dirty_keys_exact (k varchar(10) COLLATE utf8mb4_nopad_bin PRIMARY KEY, v int)");
        execute(pg, "CREATE TABLE dirty_keys_exact (k varchar(10) PRIMARY KEY, v int)");
        String collation = Rows.read(maria, "SELECT COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_NAME = "
                + "'dirty_keys' AND COLUMN_NAME = 'k'").get(0).get(0);
        InitReport report;
        String log;
        try (CapturedLog captured = new CapturedLog()) {
            report = InitialSync.builder(config(stack, "dirtykeys", List.of("dirty_keys", "dirty_keys_exact")))
                    .from("postgres").run();
            log = captured.text();
        }

        assertTrue(log.contains("WARN dev.bisync.core.InitialSync - [dirtykeys] mariadb: key column app.dirty_keys.k "
                + "(varchar, collation " + collation + ") compares keys ignoring case"), log);
        assertTrue(log.contains("trailing spaces: keys that differ only so on the other side are one key here"), log);
        assertFalse(log.contains("dirty_keys_exact.k"), "a NO PAD binary collation compares exactly: " + log);
        assertEquals(List.of("dirty_keys"), report.mismatches().stream().map(TableCheck::table).toList(),
                "the three PostgreSQL keys that are one key on MariaDB show as a table that differs");
        assertEquals(4, report.mismatches().get(0).sourceRows());
        assertEquals(2, report.mismatches().get(0).targetRows());
        assertEquals(2, report.rejected().size(), "two of the three refused, not merged: " + report.rejected());
        assertTrue(report.rejected().stream().allMatch(r -> r.table().equals("dirty_keys")
                && r.reason().contains("under the target's collation")), report.rejected().toString());
        assertEquals(List.of(), report.unexplainedMismatches());
    }

    /** A number's plain text, as {@link Rows#read} gives it. */
    private static String plain(String number) {
        return new java.math.BigDecimal(number).toPlainString();
    }

    /** Each rejected row as {@code column value: reason}, by key. */
    private static Map<String, String> byKey(List<RejectedRow> rows) {
        return rows.stream().collect(Collectors.toMap(RejectedRow::key,
                r -> r.column() + " " + r.value() + ": " + r.reason(), (a, b) -> a + " | " + b, TreeMap::new));
    }
}
