package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bisync.api.UnrepresentableValue;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Decoders for Debezium's and Connect's temporal types. Dates and times without zone become {@code LocalDate},
 * {@code LocalTime} and {@code LocalDateTime} (Debezium encodes them as if in UTC, so they are read back in UTC);
 * a time of day outside {@code [00:00, 24:00)} (MySQL/MariaDB TIME spans -838:59:59 to 838:59:59, PostgreSQL allows
 * 24:00) becomes a {@code Duration}; zoned values become {@code Instant} and {@code OffsetTime}.
 */
final class TimeDecoders {

    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    /**
     * The days Debezium's PostgreSQL connector sends for a date {@code infinity} and {@code -infinity}: PostgreSQL's
     * own (the largest and smallest int, counted from 2000-01-01) moved to the epoch, which wraps around.
     */
    private static final int INFINITY_DAYS = Integer.MIN_VALUE + 10_956;

    /**
     * {@code io.debezium.time.Date}, {@code org.apache.kafka.connect.data.Date}: days since the epoch; a PostgreSQL
     * date {@code infinity} or {@code -infinity} (days no date of any database holds, see {@link #INFINITY_DAYS}) as
     * an {@link UnrepresentableValue}.
     */
    static final ValueDecoder DATE = p -> {
        int days = (Integer) NumberDecoders.INT.decode(p);
        if (days == INFINITY_DAYS || days == INFINITY_DAYS + 1) {
            String text = days == INFINITY_DAYS ? "infinity" : "-infinity";
            return new UnrepresentableValue(text, "is PostgreSQL's date " + text + ", which no MySQL/MariaDB date "
                    + "holds");
        }
        return LocalDate.ofEpochDay(days);
    };

    /**
     * A MariaDB/MySQL NOT NULL {@code DATE} or {@code DATETIME} as ISO text (bisync's
     * {@code dev.bisync.connect.ZeroDateConverter}, schema name {@code dev.bisync.TemporalText}): {@code LocalDate} or
     * {@code LocalDateTime}; {@code 0000-00-00}, what the binlog reader leaves of a zero date or a date with a zero
     * month or day, as an {@link UnrepresentableValue} the target refuses.
     */
    static final ValueDecoder TEMPORAL_TEXT = p -> {
        Mismatch.expect(p, JsonToken.VALUE_STRING, "a date's ISO text");
        String text = p.getText();
        if (text.equals("0000-00-00")) {
            return new UnrepresentableValue(text, "is MariaDB/MySQL's zero date or a date with a zero month or day "
                    + "(the binlog does not tell which), which no date type of the other database holds");
        }
        try {
            return text.indexOf('T') > 0 ? LocalDateTime.parse(text) : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw Mismatch.invalid(p, "not an ISO date or date-time");
        }
    };

    /** {@code io.debezium.time.Time}, {@code org.apache.kafka.connect.data.Time}: milliseconds of the day. */
    static final ValueDecoder TIME_MILLIS = p -> timeOfDay(Math.multiplyExact(integer(p), 1_000_000L));

    /** {@code io.debezium.time.MicroTime}: microseconds of the day (or of a MySQL TIME interval). */
    static final ValueDecoder TIME_MICROS = p -> timeOfDay(Math.multiplyExact(integer(p), 1_000L));

    /** {@code io.debezium.time.NanoTime}: nanoseconds of the day. */
    static final ValueDecoder TIME_NANOS = p -> timeOfDay(integer(p));

    /** {@code io.debezium.time.Timestamp}, {@code org.apache.kafka.connect.data.Timestamp}: epoch milliseconds. */
    static final ValueDecoder TIMESTAMP_MILLIS = p -> {
        long ms = integer(p);
        return localDateTime(Math.floorDiv(ms, 1_000L), Math.floorMod(ms, 1_000L) * 1_000_000L);
    };

    /**
     * The microseconds Debezium's PostgreSQL connector sends for a timestamp {@code infinity} and {@code -infinity}:
     * pgjdbc's {@code PGStatement.DATE_POSITIVE_INFINITY} and {@code DATE_NEGATIVE_INFINITY}.
     */
    private static final long INFINITY_MICROS = 9_223_372_036_825_200_000L;
    private static final long MINUS_INFINITY_MICROS = -9_223_372_036_832_400_000L;

    /**
     * {@code io.debezium.time.MicroTimestamp}: epoch microseconds; a PostgreSQL timestamp {@code infinity} or
     * {@code -infinity} (year 294247 and its negative) as an {@link UnrepresentableValue}.
     */
    static final ValueDecoder TIMESTAMP_MICROS = p -> {
        long us = integer(p);
        if (us == INFINITY_MICROS || us == MINUS_INFINITY_MICROS) {
            String text = us > 0 ? "infinity" : "-infinity";
            return new UnrepresentableValue(text, "is PostgreSQL's timestamp " + text + ", which no MySQL/MariaDB "
                    + "date-time holds");
        }
        return localDateTime(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000L);
    };

    /** {@code io.debezium.time.NanoTimestamp}: epoch nanoseconds. */
    static final ValueDecoder TIMESTAMP_NANOS = p -> {
        long ns = integer(p);
        return localDateTime(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
    };

    /**
     * {@code io.debezium.time.ZonedTimestamp}: ISO-8601 with offset (Debezium writes UTC, {@code ...Z}); PostgreSQL's
     * {@code infinity} and {@code -infinity}, which Debezium sends as such, as an {@link UnrepresentableValue}.
     */
    static final ValueDecoder ZONED_TIMESTAMP = text("an ISO-8601 timestamp with offset", text -> switch (text) {
        case "infinity", "-infinity" -> new UnrepresentableValue(text, "is PostgreSQL's timestamp " + text
                + ", which no MySQL/MariaDB date-time holds");
        default -> IsoInstant.parse(text);
    });

    /** {@code io.debezium.time.ZonedTime}: ISO-8601 time with offset. */
    static final ValueDecoder ZONED_TIME = text("an ISO-8601 time with offset", OffsetTime::parse);

    /** {@code io.debezium.time.MicroDuration}: microseconds (PostgreSQL interval, months counted as 30 days). */
    static final ValueDecoder DURATION_MICROS = p -> {
        long us = integer(p);
        return Duration.ofSeconds(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000L);
    };

    /** {@code io.debezium.time.NanoDuration}: nanoseconds. */
    static final ValueDecoder DURATION_NANOS = p -> Duration.ofNanos(integer(p));

    private TimeDecoders() {
    }

    private static ValueDecoder text(String expected, Function<String, Object> parse) {
        return p -> {
            Mismatch.expect(p, JsonToken.VALUE_STRING, expected);
            try {
                return parse.apply(p.getText());
            } catch (DateTimeParseException e) {
                throw Mismatch.invalid(p, "not " + expected);
            }
        };
    }

    private static long integer(JsonParser p) throws IOException {
        return (Long) NumberDecoders.LONG.decode(p);
    }

    private static Object timeOfDay(long nanos) {
        return nanos >= 0 && nanos < NANOS_PER_DAY ? LocalTime.ofNanoOfDay(nanos) : Duration.ofNanos(nanos);
    }

    private static LocalDateTime localDateTime(long epochSecond, long nanos) {
        return LocalDateTime.ofEpochSecond(epochSecond, (int) nanos, ZoneOffset.UTC);
    }
}
