package dev.bisync.mysql.internal;

import dev.bisync.spi.values.Durations;
import dev.bisync.spi.values.TemporalValues;
import dev.bisync.spi.values.UnfitValueException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

/**
 * MySQL/MariaDB temporal values in the server's text form, which bisync writes and reads so that no driver time-zone
 * conversion applies: {@code DATETIME} and {@code TIMESTAMP} as {@code yyyy-MM-dd HH:mm:ss.ffffff} (a
 * {@code TIMESTAMP} in the session's zone, UTC), {@code TIME} as {@code [-]h:mm:ss.ffffff}, a span of
 * -838:59:59.999999 to 838:59:59.999999 rather than a time of day.
 */
final class MySqlTimes {

    private static final Duration MAX_TIME = Duration.ofHours(839).minusNanos(1_000);
    private static final Duration DAY = Duration.ofDays(1);
    private static final Instant MIN_TIMESTAMP = Instant.parse("1970-01-01T00:00:01Z");
    private static final Instant MAX_TIMESTAMP = Instant.parse("2038-01-19T03:14:07.999999Z");

    private MySqlTimes() {
    }

    static String dateText(Object value) {
        LocalDate date = TemporalValues.toLocalDate(value);
        checkYear(date.getYear());
        return date.toString();
    }

    static String dateTimeText(Object value, int precision) {
        LocalDateTime dateTime = TemporalValues.fitFraction(TemporalValues.toLocalDateTime(value), precision);
        checkYear(dateTime.getYear());
        return text(dateTime);
    }

    /** A TIMESTAMP: the instant as a UTC date-time, within the type's range (1970 to 2038). */
    static String timestampText(Object value, int precision) {
        Instant instant = TemporalValues.toInstant(value);
        if (instant.isBefore(MIN_TIMESTAMP) || instant.isAfter(MAX_TIMESTAMP)) {
            throw new UnfitValueException("is outside the TIMESTAMP range " + MIN_TIMESTAMP + " to " + MAX_TIMESTAMP);
        }
        TemporalValues.fitFraction(instant, precision);
        return text(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /**
     * A TIME from a time of day, a span ({@code Duration}, ISO-8601 text without years and months, SQL time text)
     * or an {@code OffsetTime} (taken in UTC).
     */
    static String timeText(Object value, int precision) {
        Duration span = value instanceof OffsetTime ? Duration.ofNanos(TemporalValues.toLocalTime(value).toNanoOfDay())
                : Durations.toDuration(value);
        Duration abs = span.abs();
        if (abs.compareTo(MAX_TIME) > 0) {
            throw new UnfitValueException("is outside the TIME range -838:59:59.999999 to 838:59:59.999999");
        }
        TemporalValues.fitFraction(LocalTime.ofNanoOfDay(abs.getNano()), precision);
        StringBuilder text = new StringBuilder(17).append(span.isNegative() ? "-" : "").append(abs.toHours());
        digits(text.append(':'), abs.toMinutesPart(), 2);
        digits(text.append(':'), abs.toSecondsPart(), 2);
        return digits(text.append('.'), abs.toNanosPart() / 1000, 6).toString();
    }

    /** {@code yyyy-MM-dd HH:mm:ss.ffffff} of a date-time of year 0 to 9999 (built by hand: a formatter is slower). */
    private static String text(LocalDateTime t) {
        StringBuilder text = new StringBuilder(26);
        digits(text, t.getYear(), 4).append('-');
        digits(text, t.getMonthValue(), 2).append('-');
        digits(text, t.getDayOfMonth(), 2).append(' ');
        digits(text, t.getHour(), 2).append(':');
        digits(text, t.getMinute(), 2).append(':');
        digits(text, t.getSecond(), 2).append('.');
        return digits(text, t.getNano() / 1000, 6).toString();
    }

    /** Appends a number from 0 with leading zeros to {@code width} digits. */
    private static StringBuilder digits(StringBuilder text, int n, int width) {
        String s = Integer.toString(n);
        for (int i = s.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(s);
    }

    /** A TIME read back: a LocalTime within a day, else a Duration. */
    static Object readTime(String text) {
        Duration span = Durations.toDuration(text);
        return span.isNegative() || span.compareTo(DAY) >= 0 ? span : LocalTime.ofNanoOfDay(span.toNanos());
    }

    static LocalDateTime readDateTime(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T'));
    }

    private static void checkYear(int year) {
        if (year < 0 || year > 9999) {
            throw new UnfitValueException("has year " + year + ", the column holds years 0 to 9999");
        }
    }
}
