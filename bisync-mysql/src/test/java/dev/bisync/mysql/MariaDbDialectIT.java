package dev.bisync.mysql;

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
import dev.bisync.testkit.MariaDbServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dialect contract against MariaDB (through mysql-connector-j), plus MySQL-family types and GTID domains: 11.4 in
 * the default failsafe run, 10.11 in the {@code seed-pair} run ({@code bisync.test.mariadb.version}).
 */
class MariaDbDialectIT extends DialectContract {

    @Override
    protected DatabaseEndpoint admin(EmbeddedStack stack) {
        return stack.mariadb();
    }

    @Override
    protected DatabaseEndpoint writer(EmbeddedStack stack) {
        return stack.mariadbServer().bisyncUser();
    }

    @Override
    protected DatabaseEndpoint unprivilegedWriter(EmbeddedStack stack) throws SQLException {
        DatabaseEndpoint admin = stack.mariadb();
        execute(admin, "DROP USER IF EXISTS 'dlc_unmarked'@'%'",
                "CREATE USER 'dlc_unmarked'@'%' IDENTIFIED BY 'plain-pw'",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON " + admin.database() + ".* TO 'dlc_unmarked'@'%'");
        return admin.as("dlc_unmarked", "plain-pw");
    }

    @Override
    protected String namespace(EmbeddedStack stack) {
        return EmbeddedStack.DATABASE;
    }

    @Override
    protected Class<? extends DialectProvider> expectedProvider() {
        return MariaDbDialectProvider.class;
    }

    @Override
    protected Properties batchRewriteProperties() {
        Properties properties = new Properties();
        properties.setProperty("rewriteBatchedStatements", "true");
        return properties;
    }

    @Override
    protected String sqlType(SqlType type) {
        return switch (type) {
            case SMALLINT -> "smallint";
            case INTEGER -> "int";
            case BIGINT -> "bigint";
            case DECIMAL_10_2 -> "decimal(10,2)";
            case DOUBLE -> "double";
            case VARCHAR_20 -> "varchar(20)";
            case VARCHAR_20_IGNORING_CASE -> "varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci";
            case TEXT -> "text";
            case BYTES -> "blob";
            case DATE -> "date";
            case TIME_6 -> "time(6)";
            case TIMESTAMP_3 -> "datetime(3)";
            case TIMESTAMP_6 -> "datetime(6)";
            case INSTANT_6 -> "timestamp(6) NULL";
            case JSON -> "json";
            case UUID -> "uuid";
            case BOOLEAN -> "boolean";
            case ENUM_MOOD -> "enum('sad','ok','happy')";
        };
    }

    @Override
    protected Class<?> readType(SqlType type) {
        return switch (type) {
            case SMALLINT, BOOLEAN -> Short.class;
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
        };
    }

    /**
     * The writer's transaction is in GTID domain {@code ECHO.numericId()} (what {@code gtid.source.excludes} filters
     * and {@code source.gtid} shows), the admin's in domain 0; the session runs in UTC with the strict modes.
     */
    @Override
    protected void assertWritesAreMarked(EmbeddedStack stack, Dialect dialect, Connection writer, int slot,
            TableMetadata table) throws Exception {
        execute(writer, "INSERT INTO " + qualified(table.id().name()) + " (id, v) VALUES (1, 'bisync')");
        String own = single(writer, "SELECT @@last_gtid");
        assertTrue(own.startsWith(ECHO.numericId() + "-" + MariaDbServer.SERVER_ID + "-"), own);
        assertTrue(dialect.writers().isOwnWrite(event(own), ECHO));
        try (Connection admin = stack.mariadb().connect()) {
            execute(admin, "INSERT INTO " + qualified(table.id().name()) + " (id, v) VALUES (2, 'app')");
            String theirs = single(admin, "SELECT @@last_gtid");
            assertTrue(theirs.startsWith("0-"), theirs);
            assertFalse(dialect.writers().isOwnWrite(event(theirs), ECHO));
        }
        assertFalse(dialect.writers().isOwnWrite(event(null), ECHO));
        assertFalse(dialect.writers().isOwnWrite(event(ECHO.numericId() + "1-11-5"), ECHO), "a domain that starts alike");
        assertEquals("+00:00", single(writer, "SELECT @@session.time_zone"));
        String mode = single(writer, "SELECT @@session.sql_mode");
        assertTrue(mode.contains("STRICT_ALL_TABLES") && mode.contains("NO_AUTO_VALUE_ON_ZERO")
                && mode.contains("ERROR_FOR_DIVISION_BY_ZERO"), "strict modes added to the server's: " + mode);
    }

    private static ChangeEvent event(String gtid) {
        RowImage key = RowImage.of(Map.of("id", 1));
        return new ChangeEvent(Operation.CREATE, TableId.of("app", "t"), key, null, key,
                new SourcePosition(1, 1, "mariadb-bin.000001:4"), Instant.now(), gtid,
                new SourceMetadata("mariadb", null, MariaDbServer.SERVER_ID, gtid));
    }

    private static String single(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    protected CaptureRequest captureRequest(EmbeddedStack stack, String connectorName, String topicPrefix,
            List<String> tables) {
        DatabaseEndpoint admin = stack.mariadb();
        return new CaptureRequest(connectorName, admin.host(), admin.port(), admin.database(), admin.database(),
                tables, admin.user(), admin.password(), topicPrefix, ECHO, stack.kafkaBootstrapServers(), 5402,
                "no_data");
    }

    /** The embedded MariaDB runs without TLS. */
    @Override
    protected Map<String, String> connectorOverrides() {
        return Map.of("database.ssl.mode", "disable");
    }

    @Override
    protected void killSession(Connection admin, Connection victim) throws SQLException {
        long id = Long.parseLong(single(victim, "SELECT CONNECTION_ID()"));
        try (PreparedStatement kill = admin.prepareStatement("KILL ?")) {
            kill.setLong(1, id);
            kill.execute();
        }
    }

    @Test
    @DisplayName("a batch of upserts reaches the server as one statement, for new rows and for existing ones")
    void upsertBatchIsOneStatementOnTheServer() throws SQLException {
        TableMetadata t = create("dlc_my_upsert_trips", "id int NOT NULL, v varchar(20), PRIMARY KEY (id)");
        try (Connection c = writerSession();
             PreparedStatement ps = c.prepareStatement(dialect().statements().upsertSql(t, t.columns()))) {
            for (String round : List.of("new", "changed")) {
                long before = sessionCounter(c, "Com_insert");
                for (int id = 1; id <= 4; id++) {
                    ps.setInt(1, id);
                    ps.setString(2, round + id);
                    ps.addBatch();
                }
                ps.executeBatch();
                // one multi-row INSERT ... ON DUPLICATE KEY UPDATE; a batch sent row by row (pipelined) counts 4
                assertEquals(1, sessionCounter(c, "Com_insert") - before, round + " rows: INSERT statements run");
                assertEquals(round + "4", single(c, "SELECT v FROM " + qualified("dlc_my_upsert_trips")
                        + " WHERE id = 4"));
            }
        }
    }

    private static long sessionCounter(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE '" + name + "'")) {
            assertTrue(rs.next(), name);
            return rs.getLong(2);
        }
    }

    @Test
    @DisplayName("unsigned integers take their whole range, and nothing beyond it")
    void unsignedIntegers() throws SQLException {
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        assertEquals(List.of(max, BigInteger.ZERO), roundTrip("dlc_my_ubigint", "bigint unsigned", max, 0L));
        assertRejected("dlc_my_ubigint", "bigint unsigned", -1, max.add(BigInteger.ONE));
        assertEquals(List.of((short) 255, (short) 0), roundTrip("dlc_my_utinyint", "tinyint unsigned", 255, 0));
        assertRejected("dlc_my_utinyint", "tinyint unsigned", 256, -1);
        assertEquals(List.of(4_294_967_295L), roundTrip("dlc_my_uint", "int unsigned", 4_294_967_295L));
        assertEquals(List.of(-8_388_608), roundTrip("dlc_my_mediumint", "mediumint", -8_388_608));
        assertRejected("dlc_my_mediumint", "mediumint", 8_388_608);
    }

    @Test
    @DisplayName("TIME holds spans beyond a day and negative ones, read back as Duration")
    void timeSpans() throws SQLException {
        Duration max = Duration.ofHours(838).plusMinutes(59).plusSeconds(59).plusNanos(999_999_000);
        Duration lastMicroOfDay = Duration.ofDays(1).minusNanos(1_000);
        assertEquals(List.of(max, max.negated(), Duration.ofHours(-12), LocalTime.of(23, 59, 59, 999_999_000)),
                roundTrip("dlc_my_time", "time(6)", max, max.negated(), "-12:00:00", lastMicroOfDay));
        assertRejected("dlc_my_time", "time(6)", max.plusNanos(1_000), "839:00:00");
    }

    @Test
    @DisplayName("TIMESTAMP takes instants from 1970 to 2038 only; DATETIME takes an Instant as its UTC date-time")
    void timestampRange() throws SQLException {
        assertRejected("dlc_my_timestamp", "timestamp(6) NULL", Instant.parse("2038-01-19T03:14:08Z"),
                Instant.parse("1969-12-31T23:59:59Z"));
        assertEquals(List.of(LocalDateTime.of(2100, 1, 1, 0, 0)),
                roundTrip("dlc_my_datetime", "datetime(6)", Instant.parse("2100-01-01T00:00:00Z")));
    }

    @Test
    @DisplayName("SET, YEAR, BIT, BINARY(n) and checked JSON text round-trip; their limits are kept")
    void mysqlFamilyTypes() throws SQLException {
        assertEquals(List.of("a,c", "a,b", ""), roundTrip("dlc_my_set", "set('a','b','c')", "a,c", List.of("a", "b"),
                ""));
        assertRejected("dlc_my_set", "set('a','b','c')", "a,d");
        assertEquals(List.of(2024, 2000), roundTrip("dlc_my_year", "year", 2024, LocalDate.of(2000, 1, 1)));
        assertRejected("dlc_my_year", "year", 1900);
        assertEquals(List.of(true, false), roundTrip("dlc_my_bit1", "bit(1)", true, 0));
        assertArrayEquals(new byte[] {0x5a}, (byte[]) roundTrip("dlc_my_bit8", "bit(8)", new byte[] {0x5a}).get(0));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, (byte[]) roundTrip("dlc_my_binary", "binary(4)",
                new byte[] {1, 2, 3, 4}).get(0));
        assertRejected("dlc_my_binary", "binary(4)", new byte[5]);
        assertEquals(List.of(new JsonText("{\"b\":1,  \"a\":2}")), roundTrip("dlc_my_json", "json",
                new JsonText("{\"b\":1,  \"a\":2}")));
        assertEquals(List.of("é".repeat(127)), roundTrip("dlc_my_tinytext", "tinytext", "é".repeat(127)));
        assertRejected("dlc_my_tinytext", "tinytext", "é".repeat(128));
        assertEquals(List.of("123e4567-e89b-12d3-a456-426614174000"), roundTrip("dlc_my_uuid_text", "char(36)",
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000")));
    }

    @Test
    @DisplayName("describe reports MariaDB JSON as json, unsigned types as '<type> unsigned', SET members")
    void describeMariaDbTypes() throws SQLException {
        TableMetadata t = create("dlc_my_describe", "id bigint unsigned NOT NULL, doc json, flags set('x','y''s'), "
                + "PRIMARY KEY (id)");
        assertEquals("bigint unsigned", t.column("id").typeName());
        assertEquals("json", t.column("doc").typeName());
        assertEquals(List.of("x", "y's"), t.column("flags").enumValues());
    }

    @Test
    @DisplayName("a session without BINLOG REPLAY gets an error naming the grant, classified FATAL")
    void missingBinlogReplayIsFatal(EmbeddedStack stack) throws SQLException {
        execute(stack.mariadb(), "DROP USER IF EXISTS 'dlc_plain'@'%'",
                "CREATE USER 'dlc_plain'@'%' IDENTIFIED BY 'dlc'",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON app.* TO 'dlc_plain'@'%'");
        try (Connection c = DriverManager.getConnection(stack.mariadb().jdbcUrl(), "dlc_plain", "dlc")) {
            SQLException e = assertThrows(SQLException.class, () -> dialect().writers().prepare(c, ECHO, 0));
            assertTrue(e.getMessage().contains("GRANT BINLOG REPLAY"), e.getMessage());
            assertEquals(FailureKind.FATAL, dialect().failures().classify(e));
        }
    }

    @Test
    @DisplayName("SUPER without BINLOG REPLAY sets the GTID domain on MariaDB 10.x only, as the grant advice says")
    void superIsEnoughBefore11Only(EmbeddedStack stack) throws SQLException {
        execute(stack.mariadb(), "DROP USER IF EXISTS 'dlc_super'@'%'",
                "CREATE USER 'dlc_super'@'%' IDENTIFIED BY 'dlc'",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON app.* TO 'dlc_super'@'%'",
                "GRANT SUPER ON *.* TO 'dlc_super'@'%'");
        try (Connection c = DriverManager.getConnection(stack.mariadb().jdbcUrl(), "dlc_super", "dlc")) {
            int major = Integer.parseInt(single(c, "SELECT version()").split("\\.")[0]);
            if (major < 11) {
                assertTrue(dialect().writers().prepare(c, ECHO, 0).contains(String.valueOf(ECHO.numericId())));
                assertEquals(String.valueOf(ECHO.numericId()), single(c, "SELECT @@session.gtid_domain_id"));
            } else {
                SQLException e = assertThrows(SQLException.class, () -> dialect().writers().prepare(c, ECHO, 0));
                assertTrue(e.getMessage().contains("GRANT BINLOG REPLAY"), e.getMessage());
            }
        }
    }
}
