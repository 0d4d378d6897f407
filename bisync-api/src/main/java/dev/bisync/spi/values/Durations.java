package dev.bisync.spi.values;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts spans of time — a MySQL/MariaDB {@code TIME} beyond a day or negative, a PostgreSQL {@code interval} —
 * to a {@code Duration}, exactly. A span with years or months has no exact length and is refused; so is text in
 * no form listed. Stateless and thread-safe.
 *
 * <p>Text forms read: ISO-8601 with every field optional and signed, as Debezium's
 * {@code interval.handling.mode=string} and PostgreSQL's {@code iso_8601} style write it
 * ({@code P0Y0M1DT-2H30M0.5S}, {@code PT838H59M59S}); and the SQL time form {@code [-]h:mm[:ss[.fffffffff]]}
 * ({@code -838:59:59.5}).
 */
public final class Durations {

    private static final Pattern ISO = Pattern.compile("(-)?P(?:(-?\\d+)Y)?(?:(-?\\d+)M)?(?:(-?\\d+)W)?(?:(-?\\d+)D)?"
            + "(?:T(?:(-?\\d+)H)?(?:(-?\\d+)M)?(?:(-?\\d+(?:\\.\\d{1,9})?)S)?)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_TIME = Pattern.compile("(-)?(\\d+):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?");

    private Durations() {
    }

    /**
     * The value as a span of time.
     *
     * @param value a {@code Duration}; a {@code LocalTime} (its time since midnight); or text in a form listed above
     * @return the span; never null
     * @throws UnfitValueException when the text has years or months, is in no form listed, or the value is of
     *                             another type
     */
    public static Duration toDuration(Object value) {
        if (value instanceof Duration duration) {
            return duration;
        }
        if (value instanceof LocalTime time) {
            return Duration.ofNanos(time.toNanoOfDay());
        }
        if (value instanceof String text) {
            String t = text.trim();
            Matcher sql = SQL_TIME.matcher(t);
            if (sql.matches()) {
                String fraction = sql.group(5) == null ? "0" : (sql.group(5) + "00000000").substring(0, 9);
                Duration span = Duration.ofHours(Long.parseLong(sql.group(2)))
                        .plusMinutes(Long.parseLong(sql.group(3)))
                        .plusSeconds(sql.group(4) == null ? 0 : Long.parseLong(sql.group(4)))
                        .plusNanos(Long.parseLong(fraction));
                return sql.group(1) != null ? span.negated() : span;
            }
            Matcher iso = ISO.matcher(t);
            if (iso.matches() && t.length() > 1 && !t.toUpperCase().endsWith("T")) {
                return fromIso(iso);
            }
            throw new UnfitValueException("is not a span of time in ISO-8601 or [-]h:mm:ss form");
        }
        throw UnfitValueException.wrongType(value, "a span of time");
    }

    private static Duration fromIso(Matcher iso) {
        if (number(iso.group(2)) != 0 || number(iso.group(3)) != 0) {
            throw new UnfitValueException("has years or months, which have no exact length");
        }
        BigDecimal seconds = iso.group(8) == null ? BigDecimal.ZERO : new BigDecimal(iso.group(8));
        Duration span = Duration.ofDays(7 * number(iso.group(4)) + number(iso.group(5)))
                .plusHours(number(iso.group(6)))
                .plusMinutes(number(iso.group(7)))
                .plusSeconds(seconds.longValue())
                .plusNanos(seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        return iso.group(1) != null ? span.negated() : span;
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}
