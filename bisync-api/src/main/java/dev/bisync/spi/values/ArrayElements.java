package dev.bisync.spi.values;

import dev.bisync.api.JsonText;
import dev.bisync.api.UnrepresentableValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The canonical values of a PostgreSQL array's elements, from the element texts {@link ArrayLiterals#parse} gives:
 * the same mapping for the PostgreSQL dialect (reading array columns: the initial copy, the lanes' current rows) and
 * the decoder (arrays that bisync's {@code ArrayTextConverter} sends as their text), so that an array is written the
 * same way by both. Stateless and thread-safe.
 *
 * <table>
 * <caption>Element values by element type</caption>
 * <tr><th>element type</th><th>value</th></tr>
 * <tr><td>int2, int4, int8</td><td>Short, Integer, Long</td></tr>
 * <tr><td>numeric</td><td>BigDecimal; {@code NaN}, {@code ±Infinity}: an {@link UnrepresentableValue}</td></tr>
 * <tr><td>float4, float8</td><td>Float, Double (NaN and infinities included)</td></tr>
 * <tr><td>bool; bpchar; bytea</td><td>Boolean; String without its padding; byte[]</td></tr>
 * <tr><td>date, time, timetz, timestamp, timestamptz</td><td>LocalDate, LocalTime, OffsetTime, LocalDateTime,
 * Instant</td></tr>
 * <tr><td>uuid; json, jsonb</td><td>UUID; JsonText</td></tr>
 * <tr><td>any other type, and a value the mapping cannot read (a date {@code infinity}, a year BC)</td><td>its
 * text, as PostgreSQL writes it (which the element type reads back)</td></tr>
 * </table>
 */
public final class ArrayElements {

    private ArrayElements() {
    }

    /**
     * The elements of a parsed array literal, each read as {@code type}; nested lists stay nested.
     *
     * @param texts the element texts, nulls and nested lists of {@link ArrayLiterals#parse}
     * @param type  the element type's name ({@code int4}, {@code timestamptz} ...)
     * @return a new unmodifiable list; never null
     */
    public static List<Object> of(List<?> texts, String type) {
        List<Object> values = new ArrayList<>(texts.size());
        for (Object text : texts) {
            values.add(text == null ? null : text instanceof List<?> inner ? of(inner, type)
                    : elementOrText((String) text, type));
        }
        return Collections.unmodifiableList(values);
    }

    /** Whether the list, or a list nested in it, holds an {@link UnrepresentableValue}. */
    /**
     * An array read from its literal: its elements ({@link #of}), or — when one of them is a numeric {@code NaN} or
     * {@code ±Infinity} — the whole array as an {@link UnrepresentableValue} with its text, refused alike by the
     * lanes and the initial copy.
     *
     * @param parsed  the literal's elements as text, nested per dimension
     * @param element the element type
     * @param text    the literal
     */
    public static Object valueOf(List<?> parsed, String element, String text) {
        List<Object> values = of(parsed, element);
        return holdsUnrepresentable(values) ? new UnrepresentableValue(text, "holds a numeric NaN or Infinity, which "
                + "no decimal holds (nor any MySQL/MariaDB number column)") : values;
    }

    public static boolean holdsUnrepresentable(List<?> values) {
        for (Object v : values) {
            if (v instanceof UnrepresentableValue || v instanceof List<?> inner && holdsUnrepresentable(inner)) {
                return true;
            }
        }
        return false;
    }

    private static Object elementOrText(String text, String type) {
        try {
            return element(text, type);
        } catch (RuntimeException e) {
            return text;
        }
    }

    private static Object element(String text, String type) {
        return switch (type) {
            case "int2" -> Short.valueOf(text);
            case "int4" -> Integer.valueOf(text);
            case "int8" -> Long.valueOf(text);
            case "numeric" -> switch (text) {
                case "NaN", "Infinity", "-Infinity" -> new UnrepresentableValue(text, "is a numeric " + text
                        + ", which no decimal holds (nor any MySQL/MariaDB number column)");
                default -> new BigDecimal(text);
            };
            case "float4" -> Float.valueOf(text);
            case "float8" -> Double.valueOf(text);
            case "bool" -> "t".equals(text);
            case "bpchar" -> TextValues.withoutTrailingSpaces(text);
            case "bytea" -> HexFormat.of().parseHex(text, 2, text.length());
            case "date" -> TemporalValues.toLocalDate(text);
            case "time" -> TemporalValues.toLocalTime(text);
            case "timetz" -> TemporalValues.toOffsetTime(text);
            case "timestamp" -> TemporalValues.toLocalDateTime(text);
            case "timestamptz" -> TemporalValues.toInstant(text);
            case "uuid" -> UUID.fromString(text);
            case "json", "jsonb" -> new JsonText(text);
            default -> text;
        };
    }
}
