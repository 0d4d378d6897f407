package dev.bisync.core.internal.init;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bisync.api.JsonText;
import dev.bisync.api.UnrepresentableValue;
import dev.bisync.spi.values.ExactNumbers;
import dev.bisync.spi.values.TemporalValues;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

/**
 * A table's row count and an order-independent checksum of its rows, over canonical values written in one normal
 * text per meaning (numbers by exact value, instants in UTC, times of day in nanoseconds, JSON with sorted keys,
 * bytes in hex), so that the same rows read from PostgreSQL and from MySQL/MariaDB give the same checksum: the sum,
 * modulo 2<sup>64</sup>, of each row's 64-bit hash (the first 8 bytes of the SHA-256 of its column names and
 * normal values). Also the normal text of a key, for matching rows of both sides. Not thread-safe.
 */
public final class RowDigest {

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS,
            true);
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest sha;
    private long rows;
    private long sum;

    public RowDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** Adds one row: the columns' names (as the target names them) and canonical values, in the same order. */
    public void add(List<String> columns, Object[] values) {
        sum += hash(columns, values);
        rows++;
    }

    /** One row's 64-bit hash (as {@link #add} sums it): equal for the same canonical values, whichever side. */
    public long hash(List<String> columns, Object[] values) {
        sha.reset();
        for (int i = 0; i < values.length; i++) {
            sha.update(columns.get(i).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '=');
            sha.update(normal(values[i]).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        byte[] h = sha.digest();
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xFF);
        }
        return v;
    }

    public long rows() {
        return rows;
    }

    /** The checksum in hex. */
    public String checksum() {
        return HEX.toHexDigits(sum);
    }

    /** The normal text of a canonical value; null has its own. */
    public static String normal(Object v) {
        if (v == null) {
            return "\u0000null";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof UnrepresentableValue u) { // differs from NULL and from every value a target can hold
            return "\u0000unrepresentable " + u.text();
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof byte[] bytes) {
            return "0x" + HEX.formatHex(bytes);
        }
        if (v instanceof JsonText json) {
            return json(json.text());
        }
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (Object item : list) {
                sb.append(sb.length() > 1 ? "," : "").append(normal(item));
            }
            return sb.append(']').toString();
        }
        BigDecimal number = ExactNumbers.decimalOrNull(v);
        if (number != null) {
            return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
        }
        if (v instanceof LocalTime t) {
            return "time " + t.toNanoOfDay();
        }
        if (v instanceof Duration d) {
            return "time " + d.toNanos();
        }
        if (v instanceof OffsetTime t) {
            return "time " + t.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime().toNanoOfDay();
        }
        var instant = TemporalValues.instantOrNull(v);
        return instant != null ? instant.toString() : v.toString();
    }

    private static String json(String text) {
        try {
            return JSON.writeValueAsString(JSON.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}
