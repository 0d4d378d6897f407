package dev.bisync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bisync.api.JsonText;
import dev.bisync.api.RejectedValueException;
import dev.bisync.api.TableId;
import dev.bisync.spi.CaptureRequest;
import dev.bisync.spi.ColumnMetadata;
import dev.bisync.spi.Dialect;
import dev.bisync.spi.DialectProvider;
import dev.bisync.spi.EchoIdentity;
import dev.bisync.spi.FailureKind;
import dev.bisync.spi.TableMetadata;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The rules every bisync {@link Dialect} keeps, checked against its real database in the embedded stack: one test
 * per rule. A dialect's integration test extends this class and says how to reach its database and which SQL type
 * stands for each of the contract's {@link SqlType logical types}; it may add tests of its own.
 *
 * <p>The dialect under test is the one the engine would pick: the supporting {@link DialectProvider} with the
 * highest priority, found with {@link ServiceLoader}. Writes go through sessions of the unprivileged
 * {@code bisync} user prepared with {@link Dialect#prepareWriterSession}, one at a time in slot 0 (slots 1 and 2 for
 * the tests of side-by-side sessions): a PostgreSQL server keeps state for a few replication origins only. Tables
 * are named {@code dlc_*}.
 */
@ExtendWith(EmbeddedStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DialectContract {

    /** The logical column types of the contract; {@link #sqlType} names each in the dialect's SQL. */
    public enum SqlType {
        SMALLINT, INTEGER, BIGINT, DECIMAL_10_2, DOUBLE, VARCHAR_20, TEXT, BYTES, DATE, TIME_6, TIMESTAMP_3,
        TIMESTAMP_6,
        /** A timestamp that names an instant: PostgreSQL {@code timestamptz(6)}, MySQL {@code timestamp(6)}. */
        INSTANT_6,
        JSON, UUID, BOOLEAN,
        /** An enum with the members {@link #MOOD}, in that order. */
        ENUM_MOOD
    }

    /** The members of {@link SqlType#ENUM_MOOD}. */
    protected static final List<String> MOOD = List.of("sad", "ok", "happy");
    /** The echo identity the contract's writer sessions use. */
    protected static final EchoIdentity ECHO = new EchoIdentity("bisync_dlc", 4711);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CAPTURE_TIMEOUT = Duration.ofSeconds(60);

    private EmbeddedStack stack;
    private DialectProvider provider;
    private Dialect dialect;

    /** The all-privileges account, for DDL and for writes that bisync did not make. */
    protected abstract DatabaseEndpoint admin(EmbeddedStack stack);

    /** The unprivileged account bisync writes as. */
    protected abstract DatabaseEndpoint writer(EmbeddedStack stack);

    /** The schema (PostgreSQL) or database (MySQL/MariaDB) of the test tables. */
    protected abstract String namespace(EmbeddedStack stack);

    /** The provider that must win for this database. */
    protected abstract Class<? extends DialectProvider> expectedProvider();

    /** The connection properties the engine sets so that the driver rewrites batches of inserts. */
    protected abstract Properties batchRewriteProperties();

    /** The SQL type for a logical type. */
    protected abstract String sqlType(SqlType type);

    /** The Java type {@link Dialect#read} returns for a column of that logical type. */
    protected abstract Class<?> readType(SqlType type);

    /** Statements run once as admin before the tests, e.g. to create the enum type. */
    protected List<String> setUpSql() {
        return List.of();
    }

    /**
     * Checks that a write through {@code writer} (prepared with {@link #ECHO} and {@code slot}) into {@code table}
     * (columns {@code id}, {@code v}) carries the echo mark: the database's change stream leaves it out or labels it,
     * and {@link Dialect#isOwnWrite} recognises the label; a write by admin is not recognised.
     */
    protected abstract void assertWritesAreMarked(EmbeddedStack stack, Dialect dialect, Connection writer, int slot,
            TableMetadata table) throws Exception;

    /**
     * The request for capturing {@code tables} of the test namespace as admin, under {@code topicPrefix}. The
     * contract registers {@link Dialect#connectorConfig} of it, with {@link #connectorOverrides()}.
     */
    protected abstract CaptureRequest captureRequest(EmbeddedStack stack, String connectorName, String topicPrefix,
            List<String> tables);

    /** Settings the embedded stack needs on top of the generated connector configuration (e.g. TLS off). */
    protected Map<String, String> connectorOverrides() {
        return Map.of();
    }

    /** Makes the server end the {@code victim} session, as admin. */
    protected abstract void killSession(Connection admin, Connection victim) throws SQLException;

    @BeforeAll
    void findDialect(EmbeddedStack stack) throws SQLException {
        this.stack = stack;
        try (Connection c = admin(stack).connect()) {
            execute(c, setUpSql().toArray(String[]::new));
            String url = admin(stack).jdbcUrl();
            List<DialectProvider> supporting = new ArrayList<>();
            for (DialectProvider p : ServiceLoader.load(DialectProvider.class)) {
                if (p.supports(url, c.getMetaData())) {
                    supporting.add(p);
                }
            }
            provider = supporting.stream().max(Comparator.comparingInt(DialectProvider::priority))
                    .orElseThrow(() -> new AssertionError("no DialectProvider supports " + url));
            dialect = provider.create(c.getMetaData());
        }
    }

    // ---------------------------------------------------------------- discovery and metadata

    @Test
    @DisplayName("the dialect is found through ServiceLoader: the expected provider has the highest priority")
    void providerIsFound() {
        assertEquals(expectedProvider(), provider.getClass());
        assertFalse(dialect.name().isBlank(), "name() for logs");
    }

    @Test
    @DisplayName("describe returns the columns in table order with type, size, scale, nullability and enum members, "
            + "and the primary key in key order")
    void describeColumnsAndKey() throws SQLException {
        TableMetadata t = create("dlc_describe", "id " + sqlType(SqlType.BIGINT) + " NOT NULL, code "
                + sqlType(SqlType.VARCHAR_20) + " NOT NULL, amount " + sqlType(SqlType.DECIMAL_10_2)
                + ", note " + sqlType(SqlType.TEXT) + ", mood " + sqlType(SqlType.ENUM_MOOD) + ", created "
                + sqlType(SqlType.TIMESTAMP_3) + ", PRIMARY KEY (code, id)");
        assertEquals(List.of("id", "code", "amount", "note", "mood", "created"),
                t.columns().stream().map(ColumnMetadata::name).toList());
        assertEquals(List.of("code", "id"), t.primaryKey());
        ColumnMetadata id = t.column("id");
        assertEquals(Types.BIGINT, id.jdbcType());
        assertFalse(id.nullable());
        assertEquals(Types.VARCHAR, t.column("code").jdbcType());
        assertEquals(20, t.column("code").size());
        ColumnMetadata amount = t.column("amount");
        assertTrue(amount.jdbcType() == Types.NUMERIC || amount.jdbcType() == Types.DECIMAL);
        assertEquals(10, amount.size());
        assertEquals(2, amount.scale());
        assertTrue(amount.nullable());
        assertEquals(MOOD, t.column("mood").enumValues());
        assertEquals(3, t.column("created").size(), "fractional-second digits");
        t.columns().forEach(c -> assertEquals(c.typeName().toLowerCase(Locale.ROOT), c.typeName()));
    }

    @Test
    @DisplayName("describe returns null for a table that does not exist, also when only the case of the name differs")
    void describeMissingTable() throws SQLException {
        create("dlc_case", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, PRIMARY KEY (id)");
        try (Connection c = writerSession()) {
            assertNull(dialect.describe(c, table("dlc_no_such_table")));
            assertNull(dialect.describe(c, table("DLC_Case")));
        }
    }

    @Test
    @DisplayName("quote makes hostile identifiers usable: quotes, backticks, spaces, semicolons, comment dashes, "
            + "question marks, reserved words")
    void hostileIdentifiers() throws SQLException {
        String name = "dlc_h\"q`b ;--x";
        List<String> columns = List.of("i\"d", "va`l;--", "select", "wh?at");
        execute(admin(stack), "DROP TABLE IF EXISTS " + qualified(name), "CREATE TABLE " + qualified(name) + " ("
                + dialect.quote(columns.get(0)) + " " + sqlType(SqlType.INTEGER) + " NOT NULL, "
                + dialect.quote(columns.get(1)) + " " + sqlType(SqlType.VARCHAR_20) + ", "
                + dialect.quote(columns.get(2)) + " " + sqlType(SqlType.INTEGER) + ", "
                + dialect.quote(columns.get(3)) + " " + sqlType(SqlType.INTEGER) + ", PRIMARY KEY ("
                + dialect.quote(columns.get(0)) + "))");
        try (Connection c = writerSession()) {
            TableMetadata t = dialect.describe(c, table(name));
            assertEquals(columns, t.columns().stream().map(ColumnMetadata::name).toList());
            upsert(c, t, columns, new Object[] {1, "x';--", 2, 3});
            assertEquals(List.of(List.of(1, "x';--", 2, 3)), numbersAsInts(select(c, t, new Object[] {1})));
            delete(c, t, new Object[] {1});
            assertEquals(List.of(), select(c, t, new Object[] {1}));
        }
    }

    // ---------------------------------------------------------------- statements

    @Test
    @DisplayName("upsert inserts a row, then overwrites the columns it is given and leaves the others")
    void upsertInsertsThenOverwrites() throws SQLException {
        TableMetadata t = create("dlc_upsert", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, name "
                + sqlType(SqlType.VARCHAR_20) + ", qty " + sqlType(SqlType.INTEGER) + ", PRIMARY KEY (id)");
        try (Connection c = writerSession()) {
            upsert(c, t, List.of("id", "name", "qty"), new Object[] {1, "first", 1});
            upsert(c, t, List.of("id", "name", "qty"), new Object[] {1, "second", 2});
            assertEquals(List.of(List.of(1, "second", 2)), numbersAsInts(select(c, t, new Object[] {1})));
            upsert(c, t, List.of("id", "qty"), new Object[] {1, 3});
            assertEquals(List.of(List.of(1, "second", 3)), numbersAsInts(select(c, t, new Object[] {1})));
        }
    }

    @Test
    @DisplayName("upsert into a table of key columns only inserts once and then does nothing")
    void upsertKeyOnlyTable() throws SQLException {
        TableMetadata t = create("dlc_upsert_keys", "a " + sqlType(SqlType.INTEGER) + " NOT NULL, b "
                + sqlType(SqlType.INTEGER) + " NOT NULL, PRIMARY KEY (a, b)");
        try (Connection c = writerSession()) {
            upsert(c, t, List.of("a", "b"), new Object[] {1, 2});
            upsert(c, t, List.of("a", "b"), new Object[] {1, 2});
            assertEquals(List.of(List.of(1, 2)), numbersAsInts(select(c, t, new Object[] {1, 2})));
        }
    }

    @Test
    @DisplayName("a batch of upserts stays rewritable: the driver sends it as one multi-row statement")
    void upsertBatchIsRewritten() throws SQLException {
        TableMetadata t = create("dlc_upsert_batch", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, doc "
                + sqlType(SqlType.JSON) + ", u " + sqlType(SqlType.UUID) + ", PRIMARY KEY (id)");
        try (Connection c = writerSession();
             PreparedStatement ps = c.prepareStatement(dialect.upsertSql(t, t.columns()))) {
            for (int id = 1; id <= 4; id++) { // pgjdbc rewrites in chunks of powers of two
                bindRow(ps, t, t.columns(), new Object[] {id, new JsonText("{\"n\": " + id + "}"), new UUID(0, id)});
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            int[] rewritten = new int[4];
            Arrays.fill(rewritten, Statement.SUCCESS_NO_INFO);
            assertArrayEquals(rewritten, counts, "a rewritten batch reports SUCCESS_NO_INFO per row");
            assertEquals(4, select(c, t, new Object[] {1}, new Object[] {2}, new Object[] {3}, new Object[] {4})
                    .size());
        }
    }

    @Test
    @DisplayName("delete removes exactly the row with the given key, also by a composite key")
    void deleteByKey() throws SQLException {
        TableMetadata t = create("dlc_delete", "a " + sqlType(SqlType.INTEGER) + " NOT NULL, b "
                + sqlType(SqlType.VARCHAR_20) + " NOT NULL, v " + sqlType(SqlType.INTEGER) + ", PRIMARY KEY (b, a)");
        try (Connection c = writerSession()) {
            upsert(c, t, List.of("a", "b", "v"), new Object[] {1, "x", 10}, new Object[] {1, "y", 11},
                    new Object[] {2, "x", 12});
            delete(c, t, new Object[] {"x", 1});
            assertEquals(List.of(List.of(2, "x", 12), List.of(1, "y", 11)), numbersAsInts(select(c, t,
                    new Object[] {"x", 1}, new Object[] {"y", 1}, new Object[] {"x", 2})));
        }
    }

    @Test
    @DisplayName("selectByKeys finds the rows of a single-column key, with all columns in table order")
    void selectBySingleKey() throws SQLException {
        TableMetadata t = create("dlc_select", "v " + sqlType(SqlType.VARCHAR_20) + ", id "
                + sqlType(SqlType.INTEGER) + " NOT NULL, PRIMARY KEY (id)");
        try (Connection c = writerSession()) {
            for (int id = 1; id <= 5; id++) {
                upsert(c, t, List.of("id", "v"), new Object[] {id, "row" + id});
            }
            assertEquals(List.of(List.of("row2", 2), List.of("row4", 4)),
                    numbersAsInts(select(c, t, new Object[] {4}, new Object[] {2}, new Object[] {9})));
        }
    }

    @Test
    @DisplayName("selectByKeys finds the rows of a composite key, whose values are bound in key order")
    void selectByCompositeKey() throws SQLException {
        TableMetadata t = create("dlc_select_composite", "a " + sqlType(SqlType.INTEGER) + " NOT NULL, b "
                + sqlType(SqlType.VARCHAR_20) + " NOT NULL, v " + sqlType(SqlType.INTEGER) + ", PRIMARY KEY (b, a)");
        try (Connection c = writerSession()) {
            upsert(c, t, List.of("a", "b", "v"), new Object[] {1, "x", 10}, new Object[] {2, "x", 11},
                    new Object[] {1, "y", 12});
            assertEquals(List.of(List.of(2, "x", 11), List.of(1, "y", 12)), numbersAsInts(select(c, t,
                    new Object[] {"y", 1}, new Object[] {"x", 2}, new Object[] {"z", 1})));
        }
    }

    // ---------------------------------------------------------------- values

    @Test
    @DisplayName("integers round-trip, including the boundaries of their types")
    void integersRoundTrip() throws SQLException {
        assertRoundTrip(SqlType.SMALLINT, Short.MIN_VALUE, Short.MAX_VALUE, (short) 0, 42L, "-7");
        assertRoundTrip(SqlType.INTEGER, Integer.MIN_VALUE, Integer.MAX_VALUE, 2_000_000_000L,
                new BigDecimal("12.000"));
        assertRoundTrip(SqlType.BIGINT, Long.MIN_VALUE, Long.MAX_VALUE, BigInteger.valueOf(5), "9223372036854775807");
    }

    @Test
    @DisplayName("integers beyond the column's range, or with a fraction, are rejected")
    void integersOutOfRangeAreRejected() throws SQLException {
        assertRejected(SqlType.SMALLINT, 32_768, -32_769L);
        assertRejected(SqlType.INTEGER, 2_147_483_648L, new BigDecimal("1.5"), "12abc");
        assertRejected(SqlType.BIGINT, BigInteger.ONE.shiftLeft(63), "-9223372036854775809");
    }

    @Test
    @DisplayName("decimals round-trip by value; zeros beyond the scale are fine")
    void decimalsRoundTrip() throws SQLException {
        assertRoundTrip(SqlType.DECIMAL_10_2, new BigDecimal("12345678.91"), new BigDecimal("-0.01"),
                new BigDecimal("1.500000"), "99999999.99", 7L, 2.25d, BigDecimal.ZERO);
    }

    @Test
    @DisplayName("decimals with non-zero digits beyond the scale, or too many integer digits, are rejected")
    void decimalsBeyondScaleAreRejected() throws SQLException {
        assertRejected(SqlType.DECIMAL_10_2, new BigDecimal("1.234"), "0.001", new BigDecimal("123456789.00"), 0.125d);
    }

    @Test
    @DisplayName("doubles round-trip exactly")
    void doublesRoundTrip() throws SQLException {
        assertRoundTrip(SqlType.DOUBLE, 0.1d, -1.5e300, 1.0e-300, 3.0f, 1234567890123L);
    }

    @Test
    @DisplayName("text round-trips: empty, accents, emoji, quotes and comment markers, 10,000 characters")
    void textRoundTrips() throws SQLException {
        assertRoundTrip(SqlType.VARCHAR_20, "", "héllo wörld", "😀".repeat(20), "a'b\"c\\d;-- e`", "null");
        assertRoundTrip(SqlType.TEXT, "x".repeat(10_000) + "😀", "line1\nline2\ttab\r\n");
    }

    @Test
    @DisplayName("text longer than the column is rejected, counted in characters (code points) as the database does")
    void longTextIsRejected() throws SQLException {
        assertRejected(SqlType.VARCHAR_20, "x".repeat(21), "😀".repeat(21));
    }

    @Test
    @DisplayName("bytes round-trip, every byte value")
    void bytesRoundTrip() throws SQLException {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertRoundTrip(SqlType.BYTES, all, new byte[0], new byte[] {0});
    }

    @Test
    @DisplayName("dates, times and timestamps round-trip at microseconds")
    void temporalsRoundTrip() throws SQLException {
        assertRoundTrip(SqlType.DATE, LocalDate.of(2024, 2, 29), LocalDate.of(1970, 1, 1), LocalDate.of(9999, 12, 31),
                LocalDate.of(1000, 1, 1));
        assertRoundTrip(SqlType.TIME_6, LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000),
                LocalTime.of(12, 34, 56, 1_000));
        assertRoundTrip(SqlType.TIMESTAMP_6, LocalDateTime.of(2024, 6, 30, 23, 59, 59, 123_456_000),
                LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000));
        assertRoundTrip(SqlType.INSTANT_6, Instant.parse("2024-06-30T12:00:00.654321Z"),
                Instant.parse("1970-01-01T00:00:01Z"), Instant.parse("2038-01-19T03:14:07.999999Z"));
    }

    @Test
    @DisplayName("text forms and other temporal types convert by the target column: zone-less values are UTC")
    void temporalConversions() throws SQLException {
        assertWrittenReadsAs(SqlType.TIMESTAMP_6, Instant.parse("2024-01-01T12:00:00.5Z"),
                LocalDateTime.of(2024, 1, 1, 12, 0, 0, 500_000_000));
        assertWrittenReadsAs(SqlType.INSTANT_6, LocalDateTime.of(2020, 5, 5, 5, 5, 5, 500_000_000),
                Instant.parse("2020-05-05T05:05:05.5Z"));
        assertWrittenReadsAs(SqlType.INSTANT_6, "2020-05-05 07:05:05.5+02:00", Instant.parse("2020-05-05T05:05:05.5Z"));
        assertWrittenReadsAs(SqlType.TIMESTAMP_6, "2001-02-03T04:05:06.000007", LocalDateTime.of(2001, 2, 3, 4, 5, 6,
                7_000));
        assertWrittenReadsAs(SqlType.DATE, "2001-02-03", LocalDate.of(2001, 2, 3));
        assertWrittenReadsAs(SqlType.TIME_6, "08:15:00.25", LocalTime.of(8, 15, 0, 250_000_000));
    }

    @Test
    @DisplayName("fractional seconds beyond the column's precision are rejected unless they are zeros")
    void excessFractionalSecondsAreRejected() throws SQLException {
        assertWrittenReadsAs(SqlType.TIMESTAMP_3, LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123_000_000),
                LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123_000_000));
        assertRejected(SqlType.TIMESTAMP_3, LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123_456_000));
        assertRejected(SqlType.TIME_6, LocalTime.of(1, 2, 3, 1));
        assertRejected(SqlType.DATE, LocalDateTime.of(2024, 1, 1, 10, 0), 19_000L);
    }

    @Test
    @DisplayName("json round-trips as JsonText, from JsonText or from its text")
    void jsonRoundTrips() throws SQLException {
        assertRoundTrip(SqlType.JSON, new JsonText("{\"a\": 1, \"b\": [true, null, \"x\"], \"c\": {\"d\": 1.5}}"),
                new JsonText("[]"), new JsonText("\"just a string\""), new JsonText("{\"emoji\": \"😀\"}"));
        assertWrittenReadsAs(SqlType.JSON, "{\"k\": \"v\"}", new JsonText("{\"k\": \"v\"}"));
    }

    @Test
    @DisplayName("uuids round-trip, from UUID or from its text")
    void uuidsRoundTrip() throws SQLException {
        assertRoundTrip(SqlType.UUID, UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new UUID(0, 0));
        assertWrittenReadsAs(SqlType.UUID, "00000000-0000-0000-0000-0000000000ff", new UUID(0, 255));
        assertRejected(SqlType.UUID, "not-a-uuid");
    }

    @Test
    @DisplayName("booleans round-trip (as Boolean, or as 0/1 where the database has no boolean type)")
    void booleansRoundTrip() throws SQLException {
        assertRoundTrip(SqlType.BOOLEAN, true, false, 1L, 0);
    }

    @Test
    @DisplayName("enum members round-trip; a member the target lacks is rejected")
    void enumsRoundTrip() throws SQLException {
        assertRoundTrip(SqlType.ENUM_MOOD, "sad", "happy");
        assertRejected(SqlType.ENUM_MOOD, "angry", "Sad", 1);
    }

    @Test
    @DisplayName("a rejection names the table, the column and the value, and shortens a long value")
    void rejectionMessage() throws SQLException {
        String message = assertRejected(SqlType.VARCHAR_20, "y".repeat(5_000)).get(0);
        assertTrue(message.contains("dlc_rt_varchar_20") && message.contains(".v "), message);
        assertTrue(message.contains("yyyyyyyyyy") && message.contains("5000"), message);
        assertTrue(message.length() < 400, "a long value is shortened: " + message.length());
        String decimal = assertRejected(SqlType.DECIMAL_10_2, new BigDecimal("1.234")).get(0);
        assertTrue(decimal.contains("1.234") && decimal.contains("dlc_rt_decimal_10_2"), decimal);
    }

    // ---------------------------------------------------------------- sessions, errors, offsets

    @Test
    @DisplayName("prepareWriterSession works for the unprivileged bisync user, and its writes carry the echo mark")
    void writerSessionMarksWrites() throws Exception {
        TableMetadata t = create("dlc_echo", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, v "
                + sqlType(SqlType.VARCHAR_20) + ", PRIMARY KEY (id)");
        int slot = 1;
        try (Connection c = connectWriter()) {
            String description = prepare(c, slot);
            assertTrue(description.contains(ECHO.name()) || description.contains(String.valueOf(ECHO.numericId())),
                    description);
            assertWritesAreMarked(stack, dialect, c, slot, t);
        }
        assertFalse(dialect.describeEchoPrevention(ECHO).isBlank());
    }

    @Test
    @DisplayName("writer sessions of different slots run side by side, and a slot is prepared again right after its "
            + "session closed")
    void writerSessionsPerSlot() throws SQLException {
        try (Connection a = connectWriter(); Connection b = connectWriter()) {
            prepare(a, 1);
            prepare(b, 2);
        }
        try (Connection again = connectWriter()) {
            prepare(again, 1);
        }
    }

    @Test
    @DisplayName("classify: a duplicate key is PERMANENT, also when a batch wraps it")
    void duplicateKeyIsPermanent() throws SQLException {
        TableMetadata t = create("dlc_classify", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, PRIMARY KEY (id)");
        String insert = "INSERT INTO " + qualified(t.id().name()) + " (id) VALUES (?)";
        try (Connection c = writerSession(); PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setInt(1, 1);
            ps.executeUpdate();
            assertEquals(FailureKind.PERMANENT, dialect.classify(assertThrows(SQLException.class, ps::executeUpdate)));
            ps.setInt(1, 2);
            ps.addBatch();
            ps.addBatch();
            SQLException batch = assertThrows(SQLException.class, ps::executeBatch);
            assertInstanceOf(BatchUpdateException.class, batch);
            assertEquals(FailureKind.PERMANENT, dialect.classify(batch));
        }
    }

    @Test
    @DisplayName("classify: a wrong password and a missing table are FATAL, a session killed by the server TRANSIENT")
    void fatalAndTransientErrors() throws SQLException {
        DatabaseEndpoint w = writer(stack);
        assertEquals(FailureKind.FATAL, dialect.classify(assertThrows(SQLException.class,
                () -> DriverManager.getConnection(w.jdbcUrl(), w.user(), w.password() + "-wrong").close())));
        try (Connection c = writerSession(); Connection admin = admin(stack).connect()) {
            assertEquals(FailureKind.FATAL, dialect.classify(assertThrows(SQLException.class,
                    () -> execute(c, "SELECT * FROM " + qualified("dlc_no_such_table")))));
            killSession(admin, c);
            assertEquals(FailureKind.TRANSIENT, dialect.classify(assertThrows(SQLException.class,
                    () -> execute(c, "SELECT 1"))));
        }
    }

    @Test
    @DisplayName("the offsets table is created if missing (twice is fine) and storing an offset again keeps the last")
    void offsetsTable() throws SQLException {
        TableId offsets = table("dlc_offsets");
        execute(admin(stack), "DROP TABLE IF EXISTS " + qualified(offsets.name()));
        try (Connection c = writerSession()) {
            execute(c, dialect.createOffsetsTableSql(offsets), dialect.createOffsetsTableSql(offsets));
            try (PreparedStatement ps = c.prepareStatement(dialect.storeOffsetSql(offsets))) {
                Object[][] stores = {{"lane", "t", 0, 42L}, {"lane", "t", 0, 43L}, {"lane", "t", 1, 7L}};
                for (Object[] row : stores) {
                    for (int i = 0; i < row.length; i++) {
                        ps.setObject(i + 1, row[i]);
                    }
                    ps.executeUpdate();
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT kafka_partition, "
                    + "next_offset, updated_at FROM " + qualified(offsets.name()) + " ORDER BY kafka_partition")) {
                List<List<Long>> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(List.of(rs.getLong(1), rs.getLong(2)));
                    assertTrue(rs.getObject(3) != null, "updated_at is set");
                }
                assertEquals(List.of(List.of(0L, 43L), List.of(1L, 7L)), rows);
            }
        }
    }

    @Test
    @DisplayName("the generated connector configuration runs on the real connector: it captures the application's "
            + "writes with transaction metadata and drops those of bisync's writer sessions")
    void connectorDropsOwnWritesAtCapture() throws Exception {
        TableMetadata t = create("dlc_capture", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, v "
                + sqlType(SqlType.DECIMAL_10_2) + ", PRIMARY KEY (id)");
        CaptureRequest request = captureRequest(stack, "dlc-capture", "dlccapture", List.of(t.id().name()));
        Map<String, String> config = new LinkedHashMap<>(dialect.connectorConfig(request));
        config.putAll(connectorOverrides());
        stack.connect().put(request.connectorName(), config);
        try {
            stack.connect().awaitRunning(request.connectorName(), CAPTURE_TIMEOUT);
            stack.awaitStreaming(request.topicPrefix(), CAPTURE_TIMEOUT);
            try (Connection c = writerSession()) {
                upsert(c, t, List.of("id", "v"), new Object[] {1, new BigDecimal("1.50")});
            }
            execute(admin(stack), "INSERT INTO " + qualified(t.id().name()) + " (id, v) VALUES (2, 2.50)");
            JsonNode first = firstChange(request.topicPrefix() + "." + t.id().namespace() + "." + t.id().name());
            assertEquals(2, first.path("after").path("id").asInt(), "bisync's insert (id 1) is not captured: "
                    + first);
            assertTrue(first.path("transaction").isObject(), "transaction metadata: " + first);
        } finally {
            stack.connect().delete(request.connectorName());
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The dialect under test, as the engine would pick it. */
    protected Dialect dialect() {
        return dialect;
    }

    /** The payload of the first change event on a topic (of one partition, so in commit order). */
    private JsonNode firstChange(String topic) throws IOException {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlc-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + CAPTURE_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    return JSON.readTree(record.value()).path("payload");
                }
            }
        }
        return fail("no change event on " + topic + " within " + CAPTURE_TIMEOUT);
    }

    /** A new connection of the bisync user with the batch-rewrite properties, not yet prepared. */
    protected Connection connectWriter() throws SQLException {
        DatabaseEndpoint w = writer(stack);
        Properties properties = new Properties();
        properties.putAll(batchRewriteProperties());
        properties.setProperty("user", w.user());
        properties.setProperty("password", w.password());
        return DriverManager.getConnection(w.jdbcUrl(), properties);
    }

    /** A writer connection prepared with {@link #ECHO} in slot 0; close it before the next one. */
    protected Connection writerSession() throws SQLException {
        Connection c = connectWriter();
        try {
            prepare(c, 0);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Prepares a writer session in {@code slot}, retrying for a few seconds while the error is TRANSIENT: a session
     * that held the slot ends asynchronously on the server after its connection closed (the engine moves on to
     * another slot instead).
     */
    protected String prepare(Connection c, int slot) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                return dialect.prepareWriterSession(c, ECHO, slot);
            } catch (SQLException e) {
                if (dialect.classify(e) != FailureKind.TRANSIENT || System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(20_000_000);
            }
        }
    }

    protected TableId table(String name) {
        return new TableId(namespace(stack), name);
    }

    protected String qualified(String name) {
        return dialect.quote(namespace(stack)) + "." + dialect.quote(name);
    }

    /** Drops and creates a table as admin and returns it as the writer sees it. */
    protected TableMetadata create(String name, String columns) throws SQLException {
        execute(admin(stack), "DROP TABLE IF EXISTS " + qualified(name), "CREATE TABLE " + qualified(name) + " ("
                + columns + ")");
        try (Connection c = writerSession()) {
            return dialect.describe(c, table(name));
        }
    }

    protected static void execute(DatabaseEndpoint endpoint, String... sql) throws SQLException {
        try (Connection c = endpoint.connect()) {
            execute(c, sql);
        }
    }

    protected static void execute(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    private void upsert(Connection c, TableMetadata t, List<String> names, Object[]... rows) throws SQLException {
        List<ColumnMetadata> columns = names.stream().map(t::column).toList();
        try (PreparedStatement ps = c.prepareStatement(dialect.upsertSql(t, columns))) {
            for (Object[] row : rows) {
                bindRow(ps, t, columns, row);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void delete(Connection c, TableMetadata t, Object[] key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.deleteSql(t))) {
            bindRow(ps, t, t.keyColumns(), key);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private void bindRow(PreparedStatement ps, TableMetadata t, List<ColumnMetadata> columns, Object[] row)
            throws SQLException {
        for (int i = 0; i < row.length; i++) {
            dialect.bind(ps, i + 1, t.id(), columns.get(i), row[i]);
        }
    }

    /** The rows with these keys (each in key order), all columns read with the dialect, in key-column order. */
    private List<List<Object>> select(Connection c, TableMetadata t, Object[]... keys) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(dialect.selectByKeysSql(t, keys.length))) {
            int index = 1;
            for (Object[] key : keys) {
                for (int k = 0; k < key.length; k++) {
                    dialect.bind(ps, index++, t.id(), t.keyColumns().get(k), key[k]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertEquals(t.columns().size(), rs.getMetaData().getColumnCount());
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 0; i < t.columns().size(); i++) {
                        assertEquals(t.columns().get(i).name(), rs.getMetaData().getColumnLabel(i + 1));
                        row.add(dialect.read(rs, i + 1, t.columns().get(i)));
                    }
                    rows.add(row);
                }
            }
        }
        rows.sort(Comparator.comparing(row -> keyOf(t, row)));
        return rows;
    }

    private static String keyOf(TableMetadata t, List<Object> row) {
        return t.primaryKey().stream().map(k -> String.valueOf(row.get(t.columns().indexOf(t.column(k)))))
                .reduce("", (a, b) -> a + "|" + b);
    }

    private static List<List<Object>> numbersAsInts(List<List<Object>> rows) {
        return rows.stream().map(row -> row.stream().map(v -> v instanceof Number n ? (Object) n.intValue() : v)
                .toList()).toList();
    }

    /** Writes each value and null into a fresh table, reads them back; returns what was read, in order. */
    private List<Object> roundTrip(SqlType type, Object... values) throws SQLException {
        return roundTrip("dlc_rt_" + type.name().toLowerCase(Locale.ROOT), sqlType(type), values);
    }

    /**
     * Writes each value, and a null, into a fresh table {@code name} whose column {@code v} has the SQL type
     * {@code sqlType}, through the dialect; reads them back through the dialect and returns what was read, in order.
     */
    protected List<Object> roundTrip(String name, String sqlType, Object... values) throws SQLException {
        TableMetadata t = create(name, "id " + sqlType(SqlType.INTEGER) + " NOT NULL, v " + sqlType
                + ", PRIMARY KEY (id)");
        try (Connection c = writerSession()) {
            Object[][] rows = new Object[values.length + 1][];
            Object[][] keys = new Object[values.length + 1][];
            for (int i = 0; i <= values.length; i++) {
                rows[i] = new Object[] {i + 1, i < values.length ? values[i] : null};
                keys[i] = new Object[] {i + 1};
            }
            upsert(c, t, List.of("id", "v"), rows);
            List<List<Object>> read = select(c, t, keys);
            read.sort(Comparator.comparingInt(row -> ((Number) row.get(0)).intValue()));
            assertEquals(values.length + 1, read.size());
            assertNull(read.get(values.length).get(1), "null round-trips for " + sqlType);
            return read.subList(0, values.length).stream().map(row -> row.get(1)).toList();
        }
    }

    private void assertRoundTrip(SqlType type, Object... values) throws SQLException {
        List<Object> read = roundTrip(type, values);
        for (int i = 0; i < values.length; i++) {
            assertCanonical(values[i], read.get(i), type);
        }
    }

    private void assertWrittenReadsAs(SqlType type, Object written, Object expected) throws SQLException {
        assertCanonical(expected, roundTrip(type, written).get(0), type);
    }

    private void assertCanonical(Object expected, Object actual, SqlType type) {
        assertInstanceOf(readType(type), actual, type + " reads as " + readType(type).getSimpleName());
        if (!canonicallyEqual(expected, actual)) {
            fail(type + ": wrote " + shown(expected) + ", read " + shown(actual));
        }
    }

    private List<String> assertRejected(SqlType type, Object... values) throws SQLException {
        return assertRejected("dlc_rt_" + type.name().toLowerCase(Locale.ROOT), sqlType(type), values);
    }

    /**
     * Binds each value for column {@code v} (of SQL type {@code sqlType}) of a fresh table {@code name} and expects
     * a {@link RejectedValueException}; returns the messages.
     */
    protected List<String> assertRejected(String name, String sqlType, Object... values) throws SQLException {
        TableMetadata t = create(name, "id " + sqlType(SqlType.INTEGER) + " NOT NULL, v " + sqlType
                + ", PRIMARY KEY (id)");
        List<String> messages = new ArrayList<>();
        try (Connection c = writerSession();
             PreparedStatement ps = c.prepareStatement(dialect.upsertSql(t, t.columns()))) {
            for (Object value : values) {
                RejectedValueException e = assertThrows(RejectedValueException.class,
                        () -> dialect.bind(ps, 2, t.id(), t.column("v"), value),
                        sqlType + " must reject " + shown(value));
                messages.add(e.getMessage());
            }
        }
        return messages;
    }

    /** Equal as bisync compares values: numbers by value, booleans as 1/0, bytes by content, JSON by meaning. */
    private static boolean canonicallyEqual(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof Boolean b && actual instanceof Number n) {
            return decimal(n).compareTo(b ? BigDecimal.ONE : BigDecimal.ZERO) == 0;
        }
        if (expected instanceof Number n && actual instanceof Boolean b) {
            return canonicallyEqual(b, n);
        }
        if (expected instanceof Number a && actual instanceof Number b) {
            return decimal(a).compareTo(decimal(b)) == 0;
        }
        if (expected instanceof String text && actual instanceof Number n) {
            return decimal(n).compareTo(new BigDecimal(text)) == 0;
        }
        if (expected instanceof byte[] a && actual instanceof byte[] b) {
            return Arrays.equals(a, b);
        }
        if (expected instanceof JsonText a && actual instanceof JsonText b) {
            try {
                return JSON.readTree(a.text()).equals(JSON.readTree(b.text()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return expected.equals(actual);
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        return n instanceof Double || n instanceof Float ? new BigDecimal(n.toString()) : BigDecimal.valueOf(
                n.longValue());
    }

    private static String shown(Object value) {
        if (value instanceof byte[] bytes) {
            return "bytes[" + bytes.length + "]";
        }
        String text = String.valueOf(value);
        return (text.length() > 80 ? text.substring(0, 80) + "..." : text)
                + (value == null ? "" : " (" + value.getClass().getSimpleName() + ")");
    }
}
