package dev.bisync.spi.values;

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
import java.time.format.ResolverStyle;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Converts canonical temporal values, and their ISO or SQL text forms ({@code 2024-01-02 10:11:12.5+00}), to the
 * Java type a temporal column takes. A value without a zone is UTC, the zone bisync's sessions run in. A number is
 * never taken as a date or time: what it counts (days, milliseconds, microseconds) is not known here.
 *
 * <p>Text forms read: a date ({@code 2024-01-02}); a date-time with {@code T} or a space between date and time,
 * with up to nine fractional-second digits and an optional offset ({@code Z}, {@code +02}, {@code +02:00},
 * {@code +02:00:30}); a time of day with an optional offset. Letters are read in either case. Stateless and
 * thread-safe.
 */
public final class TemporalValues {

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().parseLenient().appendOffset("+HH:MM:ss", "Z").parseStrict().optionalEnd()
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT); // 2024-02-30 is refused, not moved to 2024-02-29
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().parseLenient().appendOffset("+HH:MM:ss", "Z").parseStrict().optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);
    private static final long NANOS_PER_DAY = Duration.ofDays(1).toNanos();
    private static final int[] FRACTION_UNIT = {1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000,
        1_000, 100, 10, 1};

    private TemporalValues() {
    }

    /**
     * The value as a date, for a date column.
     *
     * @param value a {@code LocalDate}, or any value {@link #toLocalDateTime} takes whose time of day is midnight
     * @return the date; never null
     * @throws UnfitValueException when the value has a time of day other than midnight, or
     *                             {@link #toLocalDateTime} refuses it
     */
    public static LocalDate toLocalDate(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        LocalDateTime dateTime = toLocalDateTime(value);
        if (!dateTime.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            throw new UnfitValueException("has a time of day, the column holds a date");
        }
        return dateTime.toLocalDate();
    }

    /**
     * The value as a date-time without zone, for a timestamp column without time zone.
     *
     * @param value a {@code LocalDateTime}, a {@code LocalDate} (at midnight), or any value {@link #toInstant}
     *              takes (a value with an offset or zone is taken in UTC)
     * @return the date-time in UTC; never null
     * @throws UnfitValueException when {@link #toInstant} refuses the value
     */
    public static LocalDateTime toLocalDateTime(Object value) {
        if (value instanceof LocalDateTime dateTime) {
            return dateTime;
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay();
        }
        return LocalDateTime.ofInstant(toInstant(value), ZoneOffset.UTC);
    }

    /**
     * The value as an instant, for a timestamp column with time zone.
     *
     * @param value any value {@link #instantOrNull} takes, or a date or date-time in ISO or SQL text form (without
     *              an offset it is UTC)
     * @return the instant; never null
     * @throws UnfitValueException when the text is not a date or date-time, or the value is of another type (a
     *                             number, a time of day)
     */
    public static Instant toInstant(Object value) {
        Instant instant = instantOrNull(value);
        if (instant != null) {
            return instant;
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

    /**
     * The point in time a temporal value stands for, the one normalisation behind {@link #toInstant} and behind
     * the comparisons of values of different Java types ({@link CanonicalOrder}). A value without a zone is UTC.
     *
     * @param value any object, or null
     * @return the instant if the value is an {@code Instant}, {@code OffsetDateTime}, {@code ZonedDateTime},
     *         {@code LocalDateTime} (in UTC) or {@code LocalDate} (at midnight UTC); otherwise null (text, times of
     *         day, null, other types)
     */
    public static Instant instantOrNull(Object value) {
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
        return null;
    }

    /**
     * The value as a time of day without offset, for a time column without time zone.
     *
     * @param value a {@code LocalTime}, a {@code Duration} from 0 up to (not including) 24 hours, or any value
     *              {@link #toOffsetTime} takes (a time with an offset is taken in UTC)
     * @return the time of day; never null
     * @throws UnfitValueException when a duration is negative or a day or longer, or {@link #toOffsetTime} refuses
     *                             the value
     */
    public static LocalTime toLocalTime(Object value) {
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

    /**
     * The value as a time of day with offset, for a time column with time zone.
     *
     * @param value an {@code OffsetTime}, a {@code LocalTime} or {@code Duration} as {@link #toLocalTime} takes it
     *              (at UTC), or a time of day in ISO or SQL text form (without an offset it is UTC)
     * @return the time with its offset (the offset is kept, not moved to UTC); never null
     * @throws UnfitValueException when the text is not a time of day, or the value is of another type (a date, a
     *                             number)
     */
    public static OffsetTime toOffsetTime(Object value) {
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
     * Checks that a temporal value fits a column's fractional seconds; trailing zero digits beyond them are fine.
     *
     * @param value     a temporal value with nanoseconds ({@code Instant}, {@code LocalDateTime},
     *                  {@code LocalTime}, {@code OffsetTime}, {@code OffsetDateTime}, ...)
     * @param precision the column's fractional-second digits, 0 to 9 (9 or more accepts any value, below 0 counts
     *                  as 0)
     * @param <T>       the value's type
     * @return the value itself, unchanged (never rounded)
     * @throws UnfitValueException when the value has more non-zero fractional-second digits than {@code precision}
     */
    public static <T extends TemporalAccessor> T fitFraction(T value, int precision) {
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
