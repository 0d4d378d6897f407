package dev.bisync.postgres;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.JsonText;
import dev.bisync.api.Operation;
import dev.bisync.api.RowImage;
import dev.bisync.api.SourceMetadata;
import dev.bisync.api.SourcePosition;
import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.CaptureRequest;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.DialectProvider;
import dev.bisync.spi.dialect.FailureKind;
import dev.bisync.spi.dialect.TableMetadata;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.DialectContract;
import dev.bisync.testkit.EmbeddedStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dialect contract against PostgreSQL 18 (or the version {@code bisync.test.postgres.version} names, e.g. 15), plus
 * the PostgreSQL-only types and the replication-origin mark.
 */
class PostgresDialectIT extends DialectContract {

    @Override
    protected DatabaseEndpoint admin(EmbeddedStack stack) {
        return stack.postgres();
    }

    @Override
    protected DatabaseEndpoint writer(EmbeddedStack stack) {
        return stack.postgresServer().bisyncUser();
    }

    @Override
    protected DatabaseEndpoint unprivilegedWriter(EmbeddedStack stack) throws SQLException {
        DatabaseEndpoint admin = stack.postgres();
        String schema = namespace(stack);
        execute(admin, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dlc_unmarked') THEN "
                        + "CREATE ROLE dlc_unmarked LOGIN PASSWORD 'plain-pw'; END IF; END $$",
                "GRANT USAGE ON SCHEMA " + schema + " TO dlc_unmarked",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO dlc_unmarked");
        return admin.as("dlc_unmarked", "plain-pw");
    }

    @Override
    protected String namespace(EmbeddedStack stack) {
        return "public";
    }

    @Override
    protected Class<? extends DialectProvider> expectedProvider() {
        return PostgresDialectProvider.class;
    }

    @Override
    protected Properties batchRewriteProperties() {
        Properties properties = new Properties();
        properties.setProperty("reWriteBatchedInserts", "true");
        return properties;
    }

    /** The enum type the contract's enum rule uses. */
    @Override
    protected List<String> setUpSql() {
        return List.of("CREATE EXTENSION IF NOT EXISTS citext", "DROP TYPE IF EXISTS dlc_mood CASCADE",
                "CREATE TYPE dlc_mood AS ENUM ('sad', 'ok', 'happy')");
    }

    @Override
    protected String sqlType(SqlType type) {
        return switch (type) {
            case SMALLINT -> "smallint";
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            case DECIMAL_10_2 -> "numeric(10,2)";
            case DOUBLE -> "double precision";
            case VARCHAR_20 -> "varchar(20)";
            case VARCHAR_20_IGNORING_CASE -> "citext";
            case TEXT -> "text";
            case BYTES -> "bytea";
            case DATE -> "date";
            case TIME_6 -> "time(6)";
            case TIMESTAMP_3 -> "timestamp(3)";
            case TIMESTAMP_6 -> "timestamp(6)";
            case INSTANT_6 -> "timestamptz(6)";
            case JSON -> "jsonb";
            case UUID -> "uuid";
            case BOOLEAN -> "boolean";
            case ENUM_MOOD -> "dlc_mood";
        };
    }

    @Override
    protected Class<?> readType(SqlType type) {
        return switch (type) {
            case SMALLINT -> Short.class;
            case INTEGER -> Integer.class;
            case BIGINT -> Long.class;
            case DECIMAL_10_2 -> BigDecimal.class;
            case DOUBLE -> Double.class;
            case VARCHAR_20, VARCHAR_20_IGNORING_CASE, TEXT, ENUM_MOOD -> String.class;
            case BYTES -> byte[].class;
            case DATE -> LocalDate.class;
            case TIME_6 -> LocalTime.class;
            case TIMESTAMP_3, TIMESTAMP_6 -> LocalDateTime.class;
            case INSTANT_6 -> Instant.class;
            case JSON -> JsonText.class;
            case UUID -> UUID.class;
            case BOOLEAN -> Boolean.class;
        };
    }

    /** PostgreSQL 15's pgoutput has no origin filter: there bisync's writes are captured and recognised. */
    @Override
    protected boolean ownWritesDroppedAtCapture(EmbeddedStack stack) {
        return stack.postgresServer().versionNumber() >= 160_000;
    }

    /**
     * Reads the logical-decoding stream of the table with pgoutput, as Debezium does: with {@code origin=none} (16
     * and newer) the writer's insert is gone, without it the insert comes with an origin message naming the writer's
     * origin (15 too).
     */
    @Override
    protected void assertWritesAreMarked(EmbeddedStack stack, Dialect dialect, Connection writer, int slot,
            TableMetadata table) throws Exception {
        try (Connection admin = stack.postgres().connect()) {
            execute(admin, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
                    + "WHERE slot_name = 'dlc_echo'", "DROP PUBLICATION IF EXISTS dlc_echo",
                    "CREATE PUBLICATION dlc_echo FOR TABLE " + qualified(table.id().name()),
                    "SELECT pg_create_logical_replication_slot('dlc_echo', 'pgoutput')");
            try {
                execute(writer, "INSERT INTO " + qualified(table.id().name()) + " (id, v) VALUES (1, 'bisync')");
                execute(admin, "INSERT INTO " + qualified(table.id().name()) + " (id, v) VALUES (2, 'app')");
                boolean originFilter = ownWritesDroppedAtCapture(stack);
                List<byte[]> any = changes(admin, originFilter ? "any" : null);
                assertEquals(2, count(any, 'I'), "both inserts are in the stream without origin filter");
                if (originFilter) {
                    assertEquals(1, count(changes(admin, "none"), 'I'), "origin=none drops the insert of bisync's "
                            + "session");
                }
                List<String> origins = any.stream().filter(m -> m[0] == 'O')
                        .map(m -> new String(m, 9, m.length - 10, StandardCharsets.UTF_8)).toList();
                assertEquals(List.of(ECHO.name() + "_" + slot), origins);
                assertTrue(dialect.writers().isOwnWrite(event(origins.get(0)), ECHO));
                assertFalse(dialect.writers().isOwnWrite(event(null), ECHO), "a write without origin is the application's");
                assertFalse(dialect.writers().isOwnWrite(event(ECHO.name() + "_x_0"), ECHO), "another sync's origin");
                assertFalse(dialect.writers().isOwnWrite(event("other_0"), ECHO));
            } finally {
                execute(admin, "SELECT pg_drop_replication_slot('dlc_echo')", "DROP PUBLICATION dlc_echo");
            }
        }
        try (var rs = writer.createStatement().executeQuery("SHOW TimeZone")) {
            rs.next();
            assertEquals("UTC", rs.getString(1), "writer sessions run in UTC");
        }
    }

    /** The slot's pgoutput messages; {@code origin} null: without the option, which PostgreSQL 15 refuses. */
    private static List<byte[]> changes(Connection admin, String origin) throws SQLException {
        List<byte[]> messages = new ArrayList<>();
        try (PreparedStatement peek = admin.prepareStatement("SELECT data FROM pg_logical_slot_peek_binary_changes("
                + "'dlc_echo', NULL, NULL, 'proto_version', '1', 'publication_names', 'dlc_echo'"
                + (origin == null ? ")" : ", 'origin', ?)"))) {
            if (origin != null) {
                peek.setString(1, origin);
            }
            try (ResultSet rs = peek.executeQuery()) {
                while (rs.next()) {
                    messages.add(rs.getBytes(1));
                }
            }
        }
        return messages;
    }

    private static long count(List<byte[]> messages, char type) {
        return messages.stream().filter(m -> m[0] == type).count();
    }

    private static ChangeEvent event(String origin) {
        RowImage key = RowImage.of(Map.of("id", 1));
        return new ChangeEvent(Operation.CREATE, TableId.of("public", "t"), key, null, key,
                new SourcePosition(1, 1, "lsn 1"), Instant.now(), "1",
                new SourceMetadata("postgresql", origin, 0, null));
    }

    @Override
    protected CaptureRequest captureRequest(EmbeddedStack stack, String connectorName, String topicPrefix,
            List<String> tables) {
        DatabaseEndpoint admin = stack.postgres();
        return new CaptureRequest(connectorName, admin.host(), admin.port(), admin.database(), "public", tables,
                admin.user(), admin.password(), topicPrefix, ECHO, stack.kafkaBootstrapServers(), 0, "no_data");
    }

    @Override
    protected void killSession(Connection admin, Connection victim) throws SQLException {
        int pid;
        try (var rs = victim.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        try (PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(?, 5000)")) {
            kill.setInt(1, pid);
            kill.execute();
        }
    }

    @Test
    @DisplayName("json keeps its text, interval reads as a Duration (or with years or months in Debezium's ISO form), "
            + "timetz reads at UTC, as Debezium sends it")
    void postgresTextLikeTypes() throws SQLException {
        assertEquals(List.of(new JsonText("{\"b\":1,  \"a\":[2]}")),
                roundTrip("dlc_pg_json", "json", new JsonText("{\"b\":1,  \"a\":[2]}")));
        assertEquals(List.of("P1Y2M3DT4H5M6.5S", Duration.ofHours(26), Duration.ofDays(-1).plusNanos(1_000)),
                roundTrip("dlc_pg_interval", "interval", "P1Y2M3DT4H5M6.5S", Duration.ofHours(26), "-1 day 0.000001s"));
        assertEquals(List.of(OffsetTime.of(8, 0, 0, 123_456_000, ZoneOffset.UTC)),
                roundTrip("dlc_pg_timetz", "timetz", OffsetTime.of(10, 0, 0, 123_456_000, ZoneOffset.ofHours(2))));
        assertEquals(List.of("192.168.0.1/24", "::1"), roundTrip("dlc_pg_inet", "inet", "192.168.0.1/24", "::1"));
        assertEquals(List.of("ab", "abcde"), roundTrip("dlc_pg_char", "char(5)", "ab", "abcde  "));
        assertRejected("dlc_pg_char", "char(5)", "abcdef");
    }

    @Test
    @DisplayName("arrays round-trip as lists: nulls, quotes, backslashes, the text NULL, timestamps, nested lists")
    void arraysRoundTrip() throws SQLException {
        assertEquals(List.of(Arrays.asList(1, 2, null), List.of()),
                roundTrip("dlc_pg_int_array", "integer[]", Arrays.asList(1, 2, null), List.of()));
        List<String> texts = List.of("a b", "c\"d", "e\\f", "NULL", "", "{x,y}");
        assertEquals(List.of(texts), roundTrip("dlc_pg_text_array", "text[]", texts));
        List<Instant> instants = List.of(Instant.parse("2024-01-01T10:00:00.000001Z"));
        assertEquals(List.of(instants), roundTrip("dlc_pg_ts_array", "timestamptz[]", instants));
        List<List<Integer>> matrix = List.of(List.of(1, 2), List.of(3, 4));
        assertEquals(List.of(matrix), roundTrip("dlc_pg_matrix", "integer[][]", matrix));
    }

    @Test
    @DisplayName("numeric without precision keeps every digit; real takes only what a float holds; NUL is rejected")
    void postgresNumbersAndText() throws SQLException {
        BigDecimal many = new BigDecimal("1.23456789012345678901234567890");
        assertEquals(0, many.compareTo((BigDecimal) roundTrip("dlc_pg_numeric", "numeric", many).get(0)));
        assertEquals(List.of(0.1f), roundTrip("dlc_pg_real", "real", 0.1d));
        assertRejected("dlc_pg_real", "real", 0.123456789d);
        assertRejected("dlc_pg_text", "text", "a\0b");
    }

    @Test
    @DisplayName("a slot whose origin a live session holds is refused at once with SQLState 55006, so that the "
            + "engine can take another slot")
    void slotHeldByLiveSessionIsRefused() throws SQLException {
        try (Connection holder = connectWriter(); Connection second = connectWriter()) {
            prepare(holder, 3);
            SQLException e = assertThrows(SQLException.class, () -> dialect().writers().prepare(second, ECHO, 3));
            assertEquals("55006", e.getSQLState());
            assertTrue(e.getMessage().contains(ECHO.name() + "_3"), e.getMessage());
            assertEquals(FailureKind.TRANSIENT, dialect().failures().classify(e));
            prepare(second, 4);
        }
    }

    @Test
    @DisplayName("capture: checkMarkerCapture names a publication that holds the synced tables but not the marker "
            + "table, with the statement that adds it")
    void publicationWithoutTheMarkerTableIsNamed(EmbeddedStack stack) throws SQLException {
        execute(stack.postgres(), "DROP PUBLICATION IF EXISTS dlc_pub", "DROP TABLE IF EXISTS dlc_pub_t",
                "CREATE TABLE dlc_pub_t (id int PRIMARY KEY)", "DROP TABLE IF EXISTS dlc_marks",
                "CREATE TABLE dlc_marks (echo varchar(200) NOT NULL, slot int NOT NULL, marks bigint NOT NULL, "
                        + "PRIMARY KEY (echo, slot))",
                "CREATE PUBLICATION dlc_pub FOR TABLE public.dlc_pub_t");
        List<TableId> synced = List.of(TableId.of("public", "dlc_pub_t"));
        TableId marks = TableId.of("public", "dlc_marks");
        try (Connection c = stack.postgres().connect()) {
            assertEquals(List.of("publication dlc_pub holds the synced tables but not public.dlc_marks, whose "
                    + "changes mark bisync's own transactions: run ALTER PUBLICATION \"dlc_pub\" ADD TABLE "
                    + "\"public\".\"dlc_marks\""), dialect().capture().checkMarkerCapture(c, synced, marks));
            execute(stack.postgres(), "ALTER PUBLICATION dlc_pub ADD TABLE public.dlc_marks");
            assertEquals(List.of(), dialect().capture().checkMarkerCapture(c, synced, marks));
            assertEquals(List.of(), dialect().capture().checkMarkerCapture(c, List.of(TableId.of("public",
                    "dlc_nowhere")), marks), "no publication holds the synced tables yet: the connector makes one");
        } finally {
            execute(stack.postgres(), "DROP PUBLICATION IF EXISTS dlc_pub");
        }
    }

    @Test
    @DisplayName("a role without EXECUTE on the replication-origin functions gets a FATAL error naming the grant")
    void missingOriginPrivilegeIsFatal(EmbeddedStack stack) throws SQLException {
        execute(stack.postgres(), "DROP ROLE IF EXISTS dlc_plain", "CREATE ROLE dlc_plain LOGIN PASSWORD 'dlc'");
        try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(), "dlc_plain", "dlc")) {
            SQLException create = assertThrows(SQLException.class, () -> dialect().writers().prepare(c, ECHO, 7));
            assertEquals(FailureKind.FATAL, dialect().failures().classify(create));
            assertTrue(create.getMessage().contains("EXECUTE on pg_replication_origin_create"), create.getMessage());
            SQLException setup = assertThrows(SQLException.class, () -> dialect().writers().prepare(c, ECHO, 0));
            assertEquals(FailureKind.FATAL, dialect().failures().classify(setup));
            assertTrue(setup.getMessage().contains("EXECUTE on pg_replication_origin_session_setup"),
                    setup.getMessage());
        }
    }
    @Test
    @DisplayName("with track_commit_timestamp=on, each transaction of a writer session carries its own commit time")
    void eachWriterTransactionHasItsOwnCommitTimestamp(EmbeddedStack stack) throws Exception {
        execute(stack.postgres(), "CREATE TABLE dlc_commit_ts (id int PRIMARY KEY)");
        try (Connection writer = connectWriter()) {
            prepare(writer, 11);
            writer.setAutoCommit(false);
            for (int id = 1; id <= 2; id++) {
                execute(writer, "INSERT INTO dlc_commit_ts VALUES (" + id + ")");
                dialect().writers().beforeCommit(writer);
                writer.commit();
                Thread.sleep(100);
            }
        }
        List<Instant> stamps = new ArrayList<>();
        try (Connection admin = stack.postgres().connect(); Statement s = admin.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_xact_commit_timestamp(xmin) FROM dlc_commit_ts ORDER BY id")) {
            while (rs.next()) {
                stamps.add(rs.getObject(1, OffsetDateTime.class).toInstant());
            }
        }
        assertTrue(Duration.between(stamps.get(0), stamps.get(1)).toMillis() >= 90,
                "the second transaction committed 100 ms after the first, but the commit timestamps are " + stamps);
    }

    @Test
    @DisplayName("a role that may set up origins but not reset their timestamp still writes: beforeCommit sends "
            + "nothing then (a start-up warning names the grant)")
    void missingTimestampResetPrivilegeOnlyWarns(EmbeddedStack stack) throws Exception {
        execute(stack.postgres(), "CREATE ROLE dlc_noreset LOGIN PASSWORD 'dlc'",
                "GRANT EXECUTE ON FUNCTION pg_replication_origin_create(text) TO dlc_noreset",
                "GRANT EXECUTE ON FUNCTION pg_replication_origin_session_setup(text) TO dlc_noreset");
        try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(), "dlc_noreset", "dlc")) {
            prepare(c, 12);
            c.setAutoCommit(false);
            execute(c, "SELECT 1");
            dialect().writers().beforeCommit(c); // trying the reset without the grant would fail: permission denied
            c.commit();
        }
    }
}
