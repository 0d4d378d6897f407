package dev.bisync.testkit;

import dev.bisync.api.JsonText;
import dev.bisync.api.RejectedValueException;
import dev.bisync.spi.dialect.TableMetadata;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The rules of {@link DialectContract} on values: each logical type round-trips through {@code bind} and
 * {@code read} (including null and the type's boundaries), convertible forms are converted by the target column,
 * and what the column cannot hold is rejected with a {@link RejectedValueException} that names table, column and
 * value. {@link #roundTrip(String, String, Object...)} and {@link #assertRejected(String, String, Object...)} are
 * there for a dialect's own types too.
 */
public abstract class DialectValueRules extends DialectStatementRules {

    @Test
    @DisplayName("values: integers round-trip, including the boundaries of their types")
    void integersRoundTrip() throws SQLException {
        assertRoundTrip(SqlType.SMALLINT, Short.MIN_VALUE, Short.MAX_VALUE, (short) 0, 42L, "-7");
        assertRoundTrip(SqlType.INTEGER, Integer.MIN_VALUE, Integer.MAX_VALUE, 2_000_000_000L,
                new BigDecimal("12.000"));
        assertRoundTrip(SqlType.BIGINT, Long.MIN_VALUE, Long.MAX_VALUE, BigInteger.valueOf(5), "9223372036854775807");
    }

    @Test
    @DisplayName("values: integers beyond the column's range, or with a fraction, are rejected")
    void integersOutOfRangeAreRejected() throws SQLException {
        assertRejected(SqlType.SMALLINT, 32_768, -32_769L);
        assertRejected(SqlType.INTEGER, 2_147_483_648L, new BigDecimal("1.5"), "12abc");
        assertRejected(SqlType.BIGINT, BigInteger.ONE.shiftLeft(63), "-9223372036854775809");
    }

    @Test
    @DisplayName("values: decimals round-trip by value; zeros beyond the scale are fine")
    void decimalsRoundTrip() throws SQLException {
        assertRoundTrip(SqlType.DECIMAL_10_2, new BigDecimal("12345678.91"), new BigDecimal("-0.01"),
                new BigDecimal("1.500000"), "99999999.99", 7L, 2.25d, BigDecimal.ZERO);
    }

    @Test
    @DisplayName("values: decimals with non-zero digits beyond the scale, or too many integer digits, are rejected")
    void decimalsBeyondScaleAreRejected() throws SQLException {
        assertRejected(SqlType.DECIMAL_10_2, new BigDecimal("1.234"), "0.001", new BigDecimal("123456789.00"), 0.125d);
    }

    @Test
    @DisplayName("values: doubles round-trip exactly")
    void doublesRoundTrip() throws SQLException {
        assertRoundTrip(SqlType.DOUBLE, 0.1d, -1.5e300, 1.0e-300, 3.0f, 1234567890123L);
    }

    @Test
    @DisplayName("values: text round-trips: empty, accents, emoji, quotes and comment markers, 10,000 characters")
    void textRoundTrips() throws SQLException {
        assertRoundTrip(SqlType.VARCHAR_20, "", "héllo wörld", "😀".repeat(20), "a'b\"c\\d;-- e`", "null");
        assertRoundTrip(SqlType.TEXT, "x".repeat(10_000) + "😀", "line1\nline2\ttab\r\n");
    }

    @Test
    @DisplayName("values: text longer than the column is rejected, counted in characters (code points) as the database does")
    void longTextIsRejected() throws SQLException {
        assertRejected(SqlType.VARCHAR_20, "x".repeat(21), "😀".repeat(21));
    }

    @Test
    @DisplayName("values: bytes round-trip, every byte value")
    void bytesRoundTrip() throws SQLException {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertRoundTrip(SqlType.BYTES, all, new byte[0], new byte[] {0});
    }

    @Test
    @DisplayName("values: dates, times and timestamps round-trip at microseconds")
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
    @DisplayName("values: text forms and other temporal types convert by the target column: zone-less values are UTC")
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
    @DisplayName("values: fractional seconds beyond the column's precision are rejected unless they are zeros")
    void excessFractionalSecondsAreRejected() throws SQLException {
        assertWrittenReadsAs(SqlType.TIMESTAMP_3, LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123_000_000),
                LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123_000_000));
        assertRejected(SqlType.TIMESTAMP_3, LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123_456_000));
        assertRejected(SqlType.TIME_6, LocalTime.of(1, 2, 3, 1));
        assertRejected(SqlType.DATE, LocalDateTime.of(2024, 1, 1, 10, 0), 19_000L);
    }

    @Test
    @DisplayName("values: json round-trips as JsonText, from JsonText or from its text")
    void jsonRoundTrips() throws SQLException {
        assertRoundTrip(SqlType.JSON, new JsonText("{\"a\": 1, \"b\": [true, null, \"x\"], \"c\": {\"d\": 1.5}}"),
                new JsonText("[]"), new JsonText("\"just a string\""), new JsonText("{\"emoji\": \"😀\"}"));
        assertWrittenReadsAs(SqlType.JSON, "{\"k\": \"v\"}", new JsonText("{\"k\": \"v\"}"));
    }

    @Test
    @DisplayName("values: uuids round-trip, from UUID or from its text")
    void uuidsRoundTrip() throws SQLException {
        assertRoundTrip(SqlType.UUID, UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new UUID(0, 0));
        assertWrittenReadsAs(SqlType.UUID, "00000000-0000-0000-0000-0000000000ff", new UUID(0, 255));
        assertRejected(SqlType.UUID, "not-a-uuid");
    }

    @Test
    @DisplayName("values: booleans round-trip (as Boolean, or as 0/1 where the database has no boolean type)")
    void booleansRoundTrip() throws SQLException {
        assertRoundTrip(SqlType.BOOLEAN, true, false, 1L, 0);
    }

    @Test
    @DisplayName("values: enum members round-trip; a member the target lacks is rejected")
    void enumsRoundTrip() throws SQLException {
        assertRoundTrip(SqlType.ENUM_MOOD, "sad", "happy");
        assertRejected(SqlType.ENUM_MOOD, "angry", "Sad", 1);
    }

    @Test
    @DisplayName("values: a rejection names the table, the column and the value, and shortens a long value")
    void rejectionMessage() throws SQLException {
        String message = assertRejected(SqlType.VARCHAR_20, "y".repeat(5_000)).get(0);
        assertTrue(message.contains("dlc_rt_varchar_20") && message.contains(".v "), message);
        assertTrue(message.contains("yyyyyyyyyy") && message.contains("5000"), message);
        assertTrue(message.length() < 400, "a long value is shortened: " + message.length());
        String decimal = assertRejected(SqlType.DECIMAL_10_2, new BigDecimal("1.234")).get(0);
        assertTrue(decimal.contains("1.234") && decimal.contains("dlc_rt_decimal_10_2"), decimal);
    }

    // ---------------------------------------------------------------- round trips and rejections

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
             PreparedStatement ps = c.prepareStatement(dialect.statements().upsertSql(t, t.columns()))) {
            for (Object value : values) {
                RejectedValueException e = assertThrows(RejectedValueException.class,
                        () -> dialect.values().binder(t.id(), t.column("v")).bind(ps, 2, value),
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
