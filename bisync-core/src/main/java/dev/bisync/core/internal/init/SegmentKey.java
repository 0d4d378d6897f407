package dev.bisync.core.internal.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.bisync.api.RowImage;
import dev.bisync.api.UnrepresentableValue;
import dev.bisync.spi.dialect.ColumnMetadata;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * A primary key with its values typed, as JSON ({@code [{"column":"id","type":"long","value":"120000"}]}) read back
 * to the same Java values: the key of the last row a copy segment committed, kept in {@code bisync_init_resume}, so
 * that a resumed copy binds it again exactly ({@code WHERE (k) > (?)}) and a lane compares a change's key with it in
 * the source's order ({@link KeyOrder}: only the types it orders are kept there, see {@link ResumePoint}); and the key
 * of a row the copy refused, in its dead letter ({@link InitLetter}), so that a replay reads the row again.
 *
 * @param columns the source table's key columns, in key order
 * @param values  their canonical values ({@code Long}, {@code Integer}, {@code Short}, {@code BigInteger},
 *                {@code BigDecimal}, {@code LocalDate}, {@code LocalDateTime}, {@code Instant}, {@code LocalTime},
 *                {@code Duration}, {@code UUID}, {@code byte[]}; for dead letters also {@code String},
 *                {@code Boolean}, {@code Byte}, {@code Double}, {@code Float}, {@code OffsetDateTime} and
 *                {@link UnrepresentableValue} by its text); none null
 */
record SegmentKey(List<String> columns, List<Object> values) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Class<?>[] TYPES = {Long.class, Integer.class, Short.class, BigInteger.class,
        BigDecimal.class, LocalDate.class, LocalDateTime.class, Instant.class, LocalTime.class, Duration.class,
        UUID.class, byte[].class, String.class, Boolean.class, Byte.class, Double.class, Float.class,
        OffsetDateTime.class, UnrepresentableValue.class};
    private static final String[] NAMES = {"long", "int", "short", "biginteger", "decimal", "date", "datetime",
        "instant", "time", "duration", "uuid", "bytes", "text", "boolean", "byte", "double", "float",
        "offsetdatetime", "unrepresentable"};
    /** The first {@code ORDERED} types are those a resume key may hold: {@link KeyOrder} orders them. */
    private static final int ORDERED = 12;

    SegmentKey {
        columns = List.copyOf(columns);
        values = List.copyOf(values);
        if (columns.size() != values.size() || columns.isEmpty()) {
            throw new IllegalArgumentException(columns.size() + " key columns with " + values.size() + " values");
        }
        values.forEach(SegmentKey::type);
    }

    /**
     * The key of a row read by {@link ChunkReader} (values in key column order), to resume after.
     *
     * @throws IllegalArgumentException when a value is of a type {@link KeyOrder} does not order (text, a value no
     *                                  target holds …)
     */
    static SegmentKey of(List<ColumnMetadata> keyColumns, Object[] values) {
        return ordered(anyOf(keyColumns, values));
    }

    /** The key of a row read by {@link ChunkReader}, for a dead letter: any type a letter keeps. */
    static SegmentKey anyOf(List<ColumnMetadata> keyColumns, Object[] values) {
        return new SegmentKey(keyColumns.stream().map(ColumnMetadata::name).toList(), List.of(values));
    }

    private static SegmentKey ordered(SegmentKey key) {
        for (Object v : key.values) {
            if (indexOf(v) >= ORDERED) {
                throw new IllegalArgumentException("a key value of type " + v.getClass().getName() + " is not kept "
                        + "to resume after");
            }
        }
        return key;
    }

    /** The values, to bind. */
    Object[] toArray() {
        return values.toArray();
    }

    /**
     * Compares a change's key with this one in the source's order: negative when the change's key sorts before it.
     *
     * @throws IllegalArgumentException when the change's key lacks a key column or holds a value of another type
     */
    int compareWith(RowImage key) {
        for (int i = 0; i < columns.size(); i++) {
            Object v = key.get(columns.get(i));
            if (v == null) {
                throw new IllegalArgumentException("the change's key has no value for key column " + columns.get(i));
            }
            int c = KeyOrder.compare(v, values.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    String toJson() {
        return json().toString();
    }

    ArrayNode json() {
        ArrayNode array = JSON.createArrayNode();
        for (int i = 0; i < columns.size(); i++) {
            Object v = values.get(i);
            array.addObject().put("column", columns.get(i)).put("type", type(v))
                    .put("value", v instanceof byte[] b ? HexFormat.of().formatHex(b)
                            : v instanceof UnrepresentableValue u ? u.text() : v.toString());
        }
        return array;
    }

    /** A resume key, as {@link #toJson} wrote it. */
    static SegmentKey parse(String json) {
        try {
            return from(JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a key written by bisync: " + json, e);
        }
    }

    /** A resume key, as {@link #json} wrote it. */
    static SegmentKey from(JsonNode array) {
        return ordered(anyFrom(array));
    }

    /** A dead letter's key, as {@link #json} wrote it: any type a letter keeps. */
    static SegmentKey anyFrom(JsonNode array) {
        List<String> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (JsonNode column : array) {
            columns.add(column.path("column").asText());
            values.add(value(column.path("type").asText(), column.path("value").asText()));
        }
        return new SegmentKey(columns, values);
    }

    private static String type(Object v) {
        return NAMES[indexOf(v)];
    }

    private static int indexOf(Object v) {
        if (v == null) {
            throw new IllegalArgumentException("a key value is null");
        }
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i].isInstance(v)) {
                return i;
            }
        }
        throw new IllegalArgumentException("a key value of type " + v.getClass().getName() + " is not kept");
    }

    private static Object value(String type, String text) {
        return switch (type) {
            case "long" -> Long.valueOf(text);
            case "int" -> Integer.valueOf(text);
            case "short" -> Short.valueOf(text);
            case "biginteger" -> new BigInteger(text);
            case "decimal" -> new BigDecimal(text);
            case "date" -> LocalDate.parse(text);
            case "datetime" -> LocalDateTime.parse(text);
            case "instant" -> Instant.parse(text);
            case "time" -> LocalTime.parse(text);
            case "duration" -> Duration.parse(text);
            case "uuid" -> UUID.fromString(text);
            case "bytes" -> HexFormat.of().parseHex(text);
            case "text" -> text;
            case "boolean" -> Boolean.valueOf(text);
            case "byte" -> Byte.valueOf(text);
            case "double" -> Double.valueOf(text);
            case "float" -> Float.valueOf(text);
            case "offsetdatetime" -> OffsetDateTime.parse(text);
            case "unrepresentable" -> new UnrepresentableValue(text, "is a value no target holds");
            default -> throw new IllegalArgumentException("unknown key value type " + type);
        };
    }

    @Override
    public String toString() {
        return toJson();
    }
}
