package dev.bisync.postgres.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Converts canonical temporal values, and their ISO or SQL text forms ({@code 2024-01-02 10:11:12.5+00}), to the
 * Java type a temporal column takes. A value without a zone is UTC, the zone bisync's sessions run in. A number is
 * never taken as a date or time: what it counts (days, milliseconds, microseconds) is not known here.
 */
final class TemporalValues {

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().parseLenient().appendOffset("+HH:MM:ss", "Z").parseStrict().optionalEnd()
            .optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().parseLenient().appendOffset("+HH:MM:ss", "Z").parseStrict().optionalEnd()
            .toFormatter();
    private static final long NANOS_PER_DAY = Duration.ofDays(1).toNanos();
    private static final int[] FRACTION_UNIT = {1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000,
        1_000, 100, 10, 1};

    private TemporalValues() {
    }

    /** A date; a date-time only at midnight. */
    static LocalDate toLocalDate(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        LocalDateTime dateTime = toLocalDateTime(value);
        if (!dateTime.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            throw new UnfitValueException("has a time of day, the column holds a date");
        }
        return dateTime.toLocalDate();
    }

    /** A date-time without zone: zoned values in UTC, a date at midnight. */
    static LocalDateTime toLocalDateTime(Object value) {
        if (value instanceof LocalDateTime dateTime) {
            return dateTime;
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay();
        }
        return LocalDateTime.ofInstant(toInstant(value), ZoneOffset.UTC);
    }

    /** An instant: a date-time without zone is taken as UTC. */
    static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime dateTime) {
            return dateTime.toInstant();
        }
        if (value instanceof ZonedDateTime dateTime) {
            return dateTime.toInstant();
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value instanceof String text) {
            TemporalAccessor parsed = parseDateTime(text.trim());
            if (parsed instanceof OffsetDateTime dateTime) {
                return dateTime.toInstant();
            }
            return toInstant(parsed);
        }
        throw UnfitValueException.wrongType(value, "a date and time");
    }

    /** A time of day: a zoned time in UTC, a duration within one day. */
    static LocalTime toLocalTime(Object value) {
        if (value instanceof LocalTime time) {
            return time;
        }
        if (value instanceof Duration duration) {
            if (duration.isNegative() || duration.toNanos() >= NANOS_PER_DAY) {
                throw new UnfitValueException("is not a time of day (0 to 24 hours)");
            }
            return LocalTime.ofNanoOfDay(duration.toNanos());
        }
        return toOffsetTime(value).withOffsetSameInstant(ZoneOffset.UTC).toLocalTime();
    }

    /** A time of day with offset: a time without one is taken as UTC. */
    static OffsetTime toOffsetTime(Object value) {
        if (value instanceof OffsetTime time) {
            return time;
        }
        if (value instanceof LocalTime || value instanceof Duration) {
            return toLocalTime(value).atOffset(ZoneOffset.UTC);
        }
        if (value instanceof String text) {
            try {
                TemporalAccessor parsed = TIME.parseBest(text.trim(), OffsetTime::from, LocalTime::from);
                return parsed instanceof OffsetTime time ? time : ((LocalTime) parsed).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new UnfitValueException("is not a time of day in ISO or SQL form");
            }
        }
        throw UnfitValueException.wrongType(value, "a time of day");
    }

    /**
     * The value, if it has no more non-zero fractional-second digits than {@code precision} (a column's
     * fractional-second digits); extra zeros are fine.
     */
    static <T extends TemporalAccessor> T fitFraction(T value, int precision) {
        int nanos = value.get(ChronoField.NANO_OF_SECOND);
        if (precision < 9 && nanos % FRACTION_UNIT[Math.max(precision, 0)] != 0) {
            int digits = 9;
            for (int n = nanos; n % 10 == 0; n /= 10) {
                digits--;
            }
            throw new UnfitValueException("has " + digits + " fractional-second digits, the column keeps "
                    + precision);
        }
        return value;
    }

    private static TemporalAccessor parseDateTime(String text) {
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        try {
            return DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
        } catch (DateTimeParseException e) {
            throw new UnfitValueException("is not a date or date-time in ISO or SQL form");
        }
    }
}
