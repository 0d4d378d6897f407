package dev.bisync.postgres.internal;

import dev.bisync.spi.values.Durations;
import dev.bisync.spi.values.TextValues;
import dev.bisync.spi.values.UnfitValueException;
import org.postgresql.util.PGInterval;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * PostgreSQL {@code interval} values. Canonical form: a {@code Duration} when the interval has no years or months
 * (its length is then exact), else its text in Debezium's ISO-8601 form ({@code P1Y2M3DT4H5M6.78S}, every field
 * present), which is what Debezium's {@code interval.handling.mode=string} carries.
 */
final class PostgresIntervals {

    private PostgresIntervals() {
    }

    /** The input text of a value: a Duration or time of day as ISO-8601, text as it is (the server reads it). */
    static String text(Object value) {
        if (value instanceof String text) {
            return text;
        }
        try {
            return Durations.toDuration(value).toString();
        } catch (UnfitValueException e) {
            return TextValues.text(value);
        }
    }

    /** The canonical value of an interval read from the database. */
    static Object value(PGInterval interval) {
        if (interval == null) {
            return null;
        }
        BigDecimal seconds = BigDecimal.valueOf(interval.getWholeSeconds())
                .add(BigDecimal.valueOf(interval.getMicroSeconds(), 6)).stripTrailingZeros();
        if (interval.getYears() == 0 && interval.getMonths() == 0) {
            return Duration.ofDays(interval.getDays()).plusHours(interval.getHours())
                    .plusMinutes(interval.getMinutes()).plusSeconds(interval.getWholeSeconds())
                    .plusNanos(interval.getMicroSeconds() * 1_000L);
        }
        return "P" + interval.getYears() + "Y" + interval.getMonths() + "M" + interval.getDays() + "DT"
                + interval.getHours() + "H" + interval.getMinutes() + "M" + seconds.toPlainString() + "S";
    }
}
