package dev.bisync.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The values of a row's columns, in column order, as canonical Java values: {@code Long}, {@code Integer},
 * {@code Short}, {@code BigInteger} (unsigned BIGINT), {@code BigDecimal}, {@code Double}, {@code Float},
 * {@code Boolean}, {@code String}, {@code byte[]}, {@code LocalDate}, {@code LocalTime}, {@code Duration} (TIME
 * beyond a day), {@code LocalDateTime}, {@code Instant}, {@code OffsetTime}, {@code UUID}, or {@link JsonText}.
 * A column may hold {@code null}. A column missing from the image is not known (for instance a PostgreSQL TOASTed
 * value Debezium could not read), which is not the same as {@code null}.
 *
 * <p>Immutable; {@code byte[]} values are not copied, callers must not change them.
 */
public final class RowImage {

    private static final RowImage EMPTY = new RowImage(Collections.emptyMap());

    private final Map<String, Object> values;

    private RowImage(Map<String, Object> values) {
        this.values = values;
    }

    /** An image of the given column values, keeping their order; the map is copied. */
    public static RowImage of(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        return values.isEmpty() ? EMPTY : new RowImage(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /** An image that takes ownership of a map the caller will not touch again (no copy; for decoders). */
    public static RowImage wrap(LinkedHashMap<String, Object> values) {
        return new RowImage(Collections.unmodifiableMap(values));
    }

    /** The image with no columns. */
    public static RowImage empty() {
        return EMPTY;
    }

    /** The value of a column; {@code null} if the column is null or not in the image (see {@link #has}). */
    public Object get(String column) {
        return values.get(column);
    }

    /** Whether the image holds a value (possibly null) for the column. */
    public boolean has(String column) {
        return values.containsKey(column);
    }

    /** The columns, in order. */
    public Set<String> columns() {
        return values.keySet();
    }

    /** The column values, in order, read-only. */
    public Map<String, Object> values() {
        return values;
    }

    /** The number of columns. */
    public int size() {
        return values.size();
    }

    /** Whether the image has no column. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RowImage other) || other.values.size() != values.size()) {
            return false;
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!other.values.containsKey(e.getKey()) || !Objects.deepEquals(e.getValue(), other.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            h += e.getKey().hashCode() ^ (v instanceof byte[] b ? Arrays.hashCode(b) : Objects.hashCode(v));
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            Object v = e.getValue();
            sb.append(e.getKey()).append('=').append(v instanceof byte[] b ? "bytes[" + b.length + "]" : v);
        }
        return sb.append('}').toString();
    }
}
