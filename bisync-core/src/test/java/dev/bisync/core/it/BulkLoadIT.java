package dev.bisync.core.it;

import dev.bisync.api.JsonText;
import dev.bisync.api.RejectedValueException;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.target.DialectResolver;
import dev.bisync.core.internal.target.TargetSession;
import dev.bisync.spi.BulkLoader;
import dev.bisync.spi.ColumnMetadata;
import dev.bisync.spi.Dialect;
import dev.bisync.spi.EchoIdentity;
import dev.bisync.spi.TableMetadata;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.bisync.core.it.BulkColumn.HOSTILE_TEXT;
import static dev.bisync.core.it.BulkColumn.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bulk paths of the initial copy ({@code Dialect.bulkLoader}: PostgreSQL {@code COPY}, MariaDB
 * {@code LOAD DATA LOCAL INFILE}) store exactly what the binders ({@code Dialect.bind}, the lanes' path) store: for
 * each target dialect, the same canonical values — every column type of the type matrix, edges, NULLs and hostile
 * text — are written once with the upsert and {@code Dialect.bind} into table A and once with the bulk loader into
 * table B of the same definition, through bisync's writer sessions; the tables are read back with
 * {@code Dialect.read} and as the database's own text, and must be equal value by value. A value the column cannot
 * hold is refused by both with the same message; a key that exists already fails the bulk write (never skipped).
 */
@ExtendWith(EmbeddedStackExtension.class)
class BulkLoadIT {

    private static final EchoIdentity ECHO = new EchoIdentity("bulkload", 5661);
    private static final int ROWS = 40;

    private static final byte[] BYTES = HexFormat.of().parseHex("00ff105c0a090d4e");

    private static List<BulkColumn> postgresColumns() {
        return List.of(
                of("c_int2", "smallint", (short) -32768, 32767, 0L, "12"),
                of("c_int4", "integer", Integer.MIN_VALUE, Integer.MAX_VALUE, (short) 7, 65535L),
                of("c_int8", "bigint", Long.MIN_VALUE, Long.MAX_VALUE, 0, new BigDecimal("4294967295")),
                of("c_num20", "numeric(20,0)", new BigDecimal("18446744073709551615"), BigInteger.ZERO, 5L),
                of("c_num65", "numeric(65,30)", new BigDecimal("12345678901234567890123456789012345.123456789012345678"
                        + "901234567890"), new BigDecimal("-1E-30"), BigDecimal.ZERO, new BigDecimal("1E+3")),
                of("c_num10", "numeric(10,2)", new BigDecimal("-12345678.99"), new BigDecimal("0.5"), 3),
                of("c_numeric", "numeric", new BigDecimal("3.14159265358979323846"), new BigDecimal("-0.000001"),
                        new BigDecimal("1E+3"), new BigDecimal("1.500"), new BigDecimal("1E-10")),
                of("c_money", "money", new BigDecimal("12.34"), new BigDecimal("-0.01"),
                        new BigDecimal("92233720368547758.07")),
                of("c_real", "real", 1.5f, -0.25f, 0.1f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN,
                        Float.NEGATIVE_INFINITY, -0.0f, 3.4028235E38f),
                of("c_double", "double precision", 2.25e100, -2.25e100, 0.1, Double.MAX_VALUE, Double.MIN_VALUE,
                        Double.POSITIVE_INFINITY, Double.NaN, 1.0 / 3, 123456789.125f),
                of("c_bool", "boolean", true, false, 1, 0, "yes"),
                of("c_bit1", "bit(1)", true, false, new byte[] {1}),
                of("c_bit10", "bit(10)", HexFormat.of().parseHex("02c1"), new byte[] {1}, 5L, "1011000001"),
                of("c_bit64", "bit(64)", HexFormat.of().parseHex("ffffffffffffffff"),
                        HexFormat.of().parseHex("8000000000000001")),
                of("c_varbit", "varbit(16)", HexFormat.of().parseHex("00ff"), new byte[] {0, 0}, true),
                of("c_char", "char(5)", "ab", "", "😀", "a\tb", "a\\b"),
                of("c_varchar", "varchar(50)", HOSTILE_TEXT.toArray()),
                of("c_text", "text", concat(HOSTILE_TEXT, "x".repeat(70_000) + "\\\t\n😀").toArray()),
                of("c_bytea", "bytea", BYTES, new byte[0], "\\x5c4e", "text as bytes é",
                        UUID.fromString("123e4567-e89b-12d3-a456-426614174000")),
                of("c_date", "date", LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(2024, 2, 29),
                        LocalDate.of(0, 1, 1), LocalDate.of(-44, 3, 15), LocalDate.MAX, LocalDate.MIN, "2020-05-06",
                        LocalDateTime.of(2001, 2, 3, 0, 0)),
                of("c_ts0", "timestamp(0)", LocalDateTime.of(1000, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59,
                        59), Instant.parse("2026-03-29T02:30:00Z")),
                of("c_ts3", "timestamp(3)", LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_000_000),
                        LocalDateTime.of(1, 1, 1, 0, 0).minusDays(400)),
                of("c_ts6", "timestamp(6)", LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
                        LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), LocalDate.of(2020, 1, 1),
                        "2021-07-08 09:10:11.5"),
                of("c_tstz", "timestamptz", Instant.parse("1970-01-01T00:00:01Z"),
                        Instant.parse("2038-01-19T03:14:07.999999Z"), OffsetDateTime.of(2026, 10, 25, 2, 30, 0, 0,
                                ZoneOffset.ofHours(2)), LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000),
                        Instant.parse("0001-01-01T00:00:00Z").minusSeconds(86_400L * 800)),
                of("c_time", "time(6)", LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000),
                        LocalTime.of(13, 14, 15, 500_000_000), Duration.ofDays(1), Duration.ofMinutes(90)),
                of("c_timetz", "timetz", OffsetTime.of(10, 11, 12, 0, ZoneOffset.UTC),
                        OffsetTime.of(23, 0, 0, 123_456_000, ZoneOffset.ofHoursMinutes(-5, -30))),
                of("c_interval", "interval", Duration.ofHours(838).plusMinutes(59).plusSeconds(59),
                        Duration.ofSeconds(-1), Duration.ofDays(3), "P1Y2M3DT4H5M6.789S", Duration.ofMillis(12_345_500)),
                of("c_json", "json", new JsonText("{\"b\": [1, 2], \"a\": \"tab\\tnl\\n \\\\ é\"}"),
                        new JsonText("\"a JSON string\""), "[]"),
                of("c_jsonb", "jsonb", new JsonText("{\"b\": [1, 2], \"a\": \"\\u00e9\\\\\"}"), new JsonText("[]"),
                        new JsonText("{\"k\": null}")),
                of("c_enum", "bulk_mood", "happy", "so so", "back\\slash"),
                of("c_uuid", "uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new UUID(0, 0),
                        "00000000-0000-0000-0000-000000000001"),
                of("c_ints", "integer[]", List.of(1, 2, 3), List.of(), Arrays.asList(1, null, 3), "[4,5]",
                        List.of(List.of(1, 2), List.of(3, 4))),
                of("c_texts", "text[]", List.of("a b", "", "tab\t", "quote\"", "back\\", "NULL", "{}", "é,ü"),
                        Arrays.asList("x", null)),
                of("c_point", "point", HexFormat.of().parseHex("0101000000000000000000f83f00000000000002c0")),
                of("c_inet", "inet", "192.168.0.1", "::1", "10.0.0.0/8"));
    }

    private static List<BulkColumn> mariaColumns() {
        return List.of(
                of("c_tinyint", "tinyint", -128, 127, 0, true),
                of("c_tinyint_u", "tinyint unsigned", 0, 255, (short) 7),
                of("c_smallint", "smallint", Short.MIN_VALUE, Short.MAX_VALUE, "12"),
                of("c_smallint_u", "smallint unsigned", 0, 65535),
                of("c_mediumint", "mediumint", -8388608, 8388607),
                of("c_mediumint_u", "mediumint unsigned", 0, 16777215),
                of("c_int", "int", Integer.MIN_VALUE, Integer.MAX_VALUE, 0L),
                of("c_int_u", "int unsigned", 0L, 4294967295L),
                of("c_bigint", "bigint", Long.MIN_VALUE, Long.MAX_VALUE, new BigDecimal("12")),
                of("c_bigint_u", "bigint unsigned", new BigInteger("18446744073709551615"), BigInteger.ZERO,
                        new BigDecimal("9223372036854775808")),
                of("c_dec65", "decimal(65,30)", new BigDecimal("12345678901234567890123456789012345.123456789012345678"
                        + "901234567890"), new BigDecimal("-1E-30"), BigDecimal.ZERO, new BigDecimal("1E+3"),
                        new BigDecimal("3.14159265358979323846")),
                of("c_dec10", "decimal(10,2)", new BigDecimal("-12345678.99"), new BigDecimal("0.5"), 3),
                of("c_float", "float", 1.5f, -0.25f, 0.1f, Float.MIN_VALUE, 3.4028e38f, 1.17549435E-38f,
                        123456.79f, -0.0f),
                of("c_double", "double", 2.25e100, -2.25e100, 0.1, Double.MAX_VALUE, Double.MIN_VALUE, 1.0 / 3,
                        4.9E-324, 1e-300, -0.0),
                of("c_bit1", "bit(1)", true, false, 1L),
                of("c_bit10", "bit(10)", HexFormat.of().parseHex("02c1"), new byte[] {1}, 5L, 1023L, 0L),
                of("c_bit64", "bit(64)", HexFormat.of().parseHex("ffffffffffffffff"),
                        HexFormat.of().parseHex("8000000000000001"), Long.MAX_VALUE),
                of("c_char", "char(5)", "ab", "", "😀", "a\tb", "a\\b"),
                of("c_varchar", "varchar(50)", HOSTILE_TEXT.toArray()),
                of("c_text", "text", concat(HOSTILE_TEXT, "x".repeat(20_000) + "\\\t\n😀", "nul\0inside").toArray()),
                of("c_longtext", "longtext", "x".repeat(70_000) + "é", "\0", List.of("a", 1, "b\tc")),
                of("c_json", "json", new JsonText("{\"b\": [1, 2], \"a\": \"tab\\tnl\\n \\\\ é\"}"),
                        new JsonText("\"a JSON string\""), "[]"),
                of("c_enum", "enum('happy','so so','back\\\\slash','')", "happy", "so so", "back\\slash", ""),
                of("c_set", "set('a','b','c')", "a,c", "", "a,b,c", List.of("b")),
                of("c_binary", "binary(4)", new byte[] {0, 1, 2, 3}, new byte[] {9}, new byte[0]),
                of("c_varbinary", "varbinary(20)", BYTES, new byte[0], "text é", new byte[] {0x5c, 0x4e}),
                of("c_blob", "blob", BYTES, new byte[] {'\t', '\n', '\\', 'N', 0}, new byte[0],
                        UUID.fromString("123e4567-e89b-12d3-a456-426614174000")),
                of("c_date", "date", LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(2024, 2, 29),
                        LocalDate.of(0, 1, 1), "2020-05-06", LocalDateTime.of(2001, 2, 3, 0, 0)),
                of("c_datetime", "datetime", LocalDateTime.of(1000, 1, 1, 0, 0),
                        LocalDateTime.of(9999, 12, 31, 23, 59, 59), Instant.parse("2026-03-29T02:30:00Z")),
                of("c_datetime3", "datetime(3)", LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_000_000)),
                of("c_datetime6", "datetime(6)", LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
                        LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), "2021-07-08 09:10:11.5",
                        OffsetDateTime.of(2026, 10, 25, 2, 30, 0, 0, ZoneOffset.ofHours(2))),
                of("c_timestamp", "timestamp(6) NULL", Instant.parse("1970-01-01T00:00:01Z"),
                        Instant.parse("2038-01-19T03:14:07.999999Z"), LocalDateTime.of(2026, 3, 29, 2, 30)),
                of("c_time", "time(6)", LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000),
                        Duration.ofHours(838).plusMinutes(59).plusSeconds(59), Duration.ofSeconds(-1),
                        Duration.ofDays(1), Duration.ofMillis(12_345_500), "-12:00:00.5"),
                of("c_year", "year", 1901, 2155, 2024, LocalDate.of(2000, 5, 5), 0),
                of("c_uuid", "uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new UUID(0, 0),
                        "00000000-0000-0000-0000-000000000001"),
                of("c_point", "point", HexFormat.of().parseHex("0101000000000000000000f83f00000000000002c0")),
                of("c_geometry", "geometry", HexFormat.of().parseHex("0102000000020000000000000000000000000000000000"
                        + "00000000000000000000f03f000000000000f03f")));
    }

    @Test
    void copyStoresExactlyWhatTheBindersStoreOnPostgres(EmbeddedStack stack) throws Exception {
        SyncFixture.execute(stack.postgres(), "DROP TYPE IF EXISTS bulk_mood CASCADE",
                "CREATE TYPE bulk_mood AS ENUM ('happy', 'so so', 'back\\slash')");
        assertLoadEqualsBind(Target.postgres(stack), postgresColumns(), "COPY");
    }

    @Test
    void loadDataStoresExactlyWhatTheBindersStoreOnMariaDb(EmbeddedStack stack) throws Exception {
        assertLoadEqualsBind(Target.mariadb(stack), mariaColumns(), "LOAD DATA");
    }

    @Test
    void copyRefusesWhatTheBinderRefuses(EmbeddedStack stack) throws Exception {
        Target pg = Target.postgres(stack);
        assertRefusedAlike(pg, of("c", "text", "nul\0inside"));
        assertRefusedAlike(pg, of("c", "varchar(3)", "four"));
        assertRefusedAlike(pg, of("c", "timestamp(6)", LocalDateTime.MAX));
        assertRefusedAlike(pg, of("c", "numeric(8,2)", new BigDecimal("1234.567")));
        assertRefusedAlike(pg, of("c", "smallint", 40_000));
    }

    @Test
    void loadDataRefusesWhatTheBinderRefuses(EmbeddedStack stack) throws Exception {
        Target maria = Target.mariadb(stack);
        assertRefusedAlike(maria, of("c", "double", Double.NaN));
        assertRefusedAlike(maria, of("c", "varchar(3)", "four"));
        assertRefusedAlike(maria, of("c", "timestamp(6) NULL",
                Instant.parse("2040-01-01T00:00:00Z")));
        assertRefusedAlike(maria, of("c", "bit(3)", 8L));
        assertRefusedAlike(maria, of("c", "date", LocalDate.of(10_000, 1, 1)));
    }

    @Test
    void copyFailsOnAnExistingKeyInsteadOfSkippingIt(EmbeddedStack stack) throws Exception {
        assertExistingKeyFails(Target.postgres(stack));
    }

    @Test
    void loadDataFailsOnAnExistingKeyInsteadOfSkippingIt(EmbeddedStack stack) throws Exception {
        assertExistingKeyFails(Target.mariadb(stack));
    }

    // --- the harness -------------------------------------------------------------------------------------------

    /**
     * A target database: tables are made by its administrator, written and read by bisync's user through a writer
     * session as the initial copy opens it.
     */
    private record Target(DatabaseEndpoint admin, DatabaseEndpoint writer, String namespace) {

        static Target postgres(EmbeddedStack stack) {
            return new Target(stack.postgres(), stack.postgresServer().bisyncUser(), "public");
        }

        static Target mariadb(EmbeddedStack stack) {
            return new Target(stack.mariadb(), stack.mariadbServer().bisyncUser(), EmbeddedStack.DATABASE);
        }

        Dialect dialect() throws SQLException {
            try (Connection c = writer.connect()) {
                return new DialectResolver().resolve(writer.jdbcUrl(), c);
            }
        }

        TargetSession session(Dialect dialect) {
            return new TargetSession(SyncFixture.database(writer), dialect, ECHO, "[bulkload]", true);
        }

        /** Creates (anew) {@code id int} as key, then the columns; returns the table as the dialect describes it. */
        TableMetadata create(Connection writerConnection, Dialect dialect, String name, List<BulkColumn> columns)
                throws SQLException {
            String table = dialect.quote(namespace) + "." + dialect.quote(name);
            SyncFixture.execute(admin, "DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id int PRIMARY KEY, "
                    + columns.stream().map(col -> dialect.quote(col.name()) + " " + col.type())
                    .collect(Collectors.joining(", ")) + ")");
            TableMetadata t = dialect.describe(writerConnection, TableId.of(namespace, name));
            writerConnection.commit();
            return t;
        }
    }

    private static void assertLoadEqualsBind(Target target, List<BulkColumn> columns, String method)
            throws Exception {
        Dialect dialect = target.dialect();
        try (TargetSession session = target.session(dialect)) {
            Connection c = session.connection();
            TableMetadata a = target.create(c, dialect, "bulk_types_a", columns);
            TableMetadata b = target.create(c, dialect, "bulk_types_b", columns);
            List<Object[]> rows = rows(columns);

            try (PreparedStatement upsert = c.prepareStatement(dialect.upsertSql(a, a.columns()))) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        dialect.bind(upsert, i + 1, a.id(), a.columns().get(i), row[i]);
                    }
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            BulkLoader loader = dialect.bulkLoader(c, b, b.columns()).orElseThrow(() -> new AssertionError(
                    dialect.name() + " offers no bulk loader on an init writer session"));
            assertEquals(method, loader.method());
            assertEquals(rows.size(), loader.load(rows));
            c.commit();

            List<String> differences = new ArrayList<>();
            List<Object[]> viaBind = read(c, dialect, a);
            List<Object[]> viaLoad = read(c, dialect, b);
            assertEquals(rows.size(), viaBind.size());
            assertEquals(rows.size(), viaLoad.size());
            for (int r = 0; r < rows.size(); r++) {
                for (int i = 0; i < a.columns().size(); i++) {
                    if (!Objects.deepEquals(viaBind.get(r)[i], viaLoad.get(r)[i])) {
                        differences.add(a.columns().get(i).name() + " row " + r + " (written " + shown(rows.get(r)[i])
                                + "): bind stored " + shown(viaBind.get(r)[i]) + ", " + method + " stored "
                                + shown(viaLoad.get(r)[i]));
                    }
                }
            }
            differences.addAll(textDifferences(c, dialect, a, b, method));
            assertEquals(List.of(), differences, "values that differ between Dialect.bind and " + method);
            System.out.printf("[BulkLoadIT] %s: %d columns x %d rows equal through bind and %s%n", dialect.name(),
                    columns.size(), rows.size(), method);
        }
    }

    /** The database's own text of every column, compared between the two tables (SQL NULL as null). */
    private static List<String> textDifferences(Connection c, Dialect dialect, TableMetadata a, TableMetadata b,
            String method) throws SQLException {
        List<String> differences = new ArrayList<>();
        boolean postgres = dialect.name().startsWith("PostgreSQL");
        for (ColumnMetadata column : a.columns()) {
            String q = dialect.quote(column.name());
            String text = postgres ? "x." + q + "::text" : "HEX(x." + q + ")";
            String y = text.replace("x.", "y.");
            String sql = "SELECT x.id, " + text + ", " + y + " FROM " + table(dialect, a) + " x JOIN "
                    + table(dialect, b) + " y ON x.id = y.id WHERE NOT (" + text + (postgres ? " IS NOT DISTINCT FROM "
                    : " <=> ") + y + ")";
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    differences.add(column.name() + " id " + rs.getString(1) + ": bind stored text " + rs.getString(2)
                            + ", " + method + " stored " + rs.getString(3));
                }
            }
        }
        return differences;
    }

    private static void assertRefusedAlike(Target target, BulkColumn column) throws Exception {
        Dialect dialect = target.dialect();
        try (TargetSession session = target.session(dialect)) {
            Connection c = session.connection();
            TableMetadata t = target.create(c, dialect, "bulk_refused", List.of(column));
            Object value = column.value(0);
            RejectedValueException byBinder;
            try (PreparedStatement upsert = c.prepareStatement(dialect.upsertSql(t, t.columns()))) {
                dialect.bind(upsert, 1, t.id(), t.columns().get(0), 1);
                byBinder = assertThrows(RejectedValueException.class,
                        () -> dialect.bind(upsert, 2, t.id(), t.columns().get(1), value));
            }
            BulkLoader loader = dialect.bulkLoader(c, t, t.columns()).orElseThrow();
            RejectedValueException byLoader = assertThrows(RejectedValueException.class,
                    () -> loader.load(List.<Object[]>of(new Object[] {1, value})));
            c.rollback();
            assertEquals(byBinder.getMessage(), byLoader.getMessage(), column.type());
        }
    }

    private static void assertExistingKeyFails(Target target) throws Exception {
        Dialect dialect = target.dialect();
        try (TargetSession session = target.session(dialect)) {
            Connection c = session.connection();
            TableMetadata t = target.create(c, dialect, "bulk_existing", List.of(of("c", "varchar(20)", "x")));
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO " + table(dialect, t) + " VALUES (2, 'there before')");
            }
            c.commit();
            BulkLoader loader = dialect.bulkLoader(c, t, t.columns()).orElseThrow();
            SQLException e = assertThrows(SQLException.class, () -> loader.load(List.of(new Object[] {1, "new"},
                    new Object[] {2, "copied"}, new Object[] {3, "new"})));
            c.rollback();
            assertTrue(e.getSQLState().startsWith("23"), e.getSQLState() + " " + e.getMessage());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM "
                    + table(dialect, t))) {
                rs.next();
                assertEquals(1, rs.getInt(1), "rows after the failed load, rolled back");
            }
            c.commit();
        }
    }

    /** Rows of ids 0.. and each column's values in turn; the last row is NULL in every column. */
    private static List<Object[]> rows(List<BulkColumn> columns) {
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            Object[] row = new Object[columns.size() + 1];
            row[0] = r;
            for (int i = 0; i < columns.size(); i++) {
                row[i + 1] = r == ROWS - 1 ? null : columns.get(i).value(r);
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<Object[]> read(Connection c, Dialect dialect, TableMetadata t) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table(dialect, t)
                + " ORDER BY id")) {
            while (rs.next()) {
                Object[] row = new Object[t.columns().size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = dialect.read(rs, i + 1, t.columns().get(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String table(Dialect dialect, TableMetadata t) {
        return dialect.quote(t.id().namespace()) + "." + dialect.quote(t.id().name());
    }

    private static String shown(Object value) {
        String text = value instanceof byte[] bytes ? "0x" + HexFormat.of().formatHex(bytes)
                : value == null ? "NULL" : value.getClass().getSimpleName() + " " + value;
        text = text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0");
        return text.length() > 120 ? text.substring(0, 120) + "... (" + text.length() + " chars)" : text;
    }

    private static List<Object> concat(List<Object> list, Object... more) {
        List<Object> all = new ArrayList<>(list);
        all.addAll(Arrays.asList(more));
        return all;
    }

}
