package dev.bisync.core.internal.resolve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bisync.api.JsonText;
import dev.bisync.spi.values.ExactNumbers;
import dev.bisync.spi.values.JsonValues;
import dev.bisync.spi.values.TemporalValues;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Equality of canonical column values by meaning, not by spelling, so that a value that crossed to the other
 * database and came back is recognised as unchanged: decimals by value ({@code 1.5} = {@code 1.500}), integers of
 * any Java type, booleans against 0/1, JSON by its parsed document (key order and spacing ignored, as jsonb
 * does), timestamps without a zone as UTC, strings against the text form of other values, a list (an array)
 * against the JSON array it is held as where there are no arrays. Numbers and points in
 * time are normalised as {@link ExactNumbers#decimalOrNull} and {@link TemporalValues#instantOrNull} do (the
 * order of {@code ConflictStrategy.lastWriteWins} uses the same); JSON equality needs Jackson, so it stays here.
 */
public final class CanonicalValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CanonicalValues() {
    }

    /** Whether two canonical values mean the same. */
    public static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a.getClass() == b.getClass() && !(a instanceof BigDecimal || a instanceof JsonText || a instanceof List)) {
            return a instanceof byte[] x ? Arrays.equals(x, (byte[]) b) : a.equals(b);
        }
        if (a instanceof List<?> list && !(b instanceof List)) {
            return equalToJsonArray(list, b);
        }
        if (b instanceof List<?> list && !(a instanceof List)) {
            return equalToJsonArray(list, a);
        }
        if (a instanceof String s && !(b instanceof String)) {
            return equalToText(b, s);
        }
        if (b instanceof String s) {
            return equalToText(a, s);
        }
        BigDecimal da = decimal(a);
        BigDecimal db = decimal(b);
        if (da != null && db != null) {
            return da.compareTo(db) == 0;
        }
        if (a instanceof JsonText || b instanceof JsonText) {
            return jsonEqual(a.toString(), b.toString());
        }
        Instant ia = TemporalValues.instantOrNull(a);
        Instant ib = TemporalValues.instantOrNull(b);
        if (ia != null && ib != null) {
            return ia.equals(ib);
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!equal(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        Object ta = timeOfDay(a);
        Object tb = timeOfDay(b);
        if (ta != null && tb != null) {
            return ta.equals(tb);
        }
        return Objects.equals(a.toString(), b.toString());
    }

    private static boolean equalToText(Object value, String text) {
        if (value instanceof JsonText j) {
            return jsonEqual(j.text(), text);
        }
        if (decimal(value) != null && value instanceof Number) {
            try {
                return decimal(value).compareTo(new BigDecimal(text.trim())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return value.toString().equals(text);
    }

    /** A list (an array) against the JSON array a database without arrays holds it as. */
    private static boolean equalToJsonArray(List<?> list, Object other) {
        return (other instanceof JsonText || other instanceof String) && jsonEqual(JsonValues.arrayText(list),
                other.toString());
    }

    private static boolean jsonEqual(String a, String b) {
        try {
            return JSON.readTree(a).equals(JSON.readTree(b));
        } catch (JsonProcessingException e) {
            return a.equals(b);
        }
    }

    /** A number's exact value, a boolean as 1 or 0; null for anything else (and for NaN and infinities). */
    private static BigDecimal decimal(Object v) {
        if (v instanceof Boolean flag) {
            return flag ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return ExactNumbers.decimalOrNull(v);
    }

    private static Object timeOfDay(Object v) {
        if (v instanceof LocalTime t) {
            return Duration.ofNanos(t.toNanoOfDay());
        }
        if (v instanceof Duration d) {
            return d;
        }
        if (v instanceof OffsetTime t) {
            return Duration.ofNanos(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime().toNanoOfDay());
        }
        return null;
    }
}
