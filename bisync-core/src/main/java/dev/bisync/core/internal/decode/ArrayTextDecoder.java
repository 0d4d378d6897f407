package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonToken;
import dev.bisync.api.UnrepresentableValue;
import dev.bisync.spi.values.ArrayLiterals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A PostgreSQL array as its literal text (bisync's {@code dev.bisync.connect.ArrayTextConverter}, schema name
 * {@code dev.bisync.ArrayText}, element type in the parameter {@code element}): nested lists for a
 * multi-dimensional array, each element as the decoder gives that type elsewhere (Integer for int2 and int4, Long,
 * BigDecimal, Float, Double, Boolean, String). An array holding a numeric {@code NaN} or {@code ±Infinity} is an
 * {@link UnrepresentableValue} as a whole.
 */
final class ArrayTextDecoder {

    private ArrayTextDecoder() {
    }

    static ValueDecoder of(String element) {
        Function<String, Object> parse = switch (element) {
            case "int2", "int4" -> Integer::valueOf;
            case "int8" -> Long::valueOf;
            case "numeric" -> ArrayTextDecoder::numeric;
            case "float4" -> Float::valueOf;
            case "float8" -> Double::valueOf;
            case "bool" -> "t"::equals;
            default -> text -> text;
        };
        return p -> {
            Mismatch.expect(p, JsonToken.VALUE_STRING, "an array's text");
            String text = p.getText();
            try {
                List<Object> values = parse(text, parse);
                return holdsUnrepresentable(values) ? new UnrepresentableValue(text, "holds a numeric NaN or "
                        + "Infinity, which no decimal holds (nor any MySQL/MariaDB number column)") : values;
            } catch (RuntimeException e) {
                throw Mismatch.invalid(p, "not an array literal of " + element);
            }
        };
    }

    private static Object numeric(String text) {
        return switch (text) {
            case "NaN", "Infinity", "-Infinity" -> new UnrepresentableValue(text, "is a numeric " + text);
            default -> new BigDecimal(text);
        };
    }

    /** The elements of an array literal, each converted by {@code element}; nested lists for rows. */
    static List<Object> parse(String text, Function<String, Object> element) {
        return typed(ArrayLiterals.parse(text), element);
    }

    private static List<Object> typed(List<Object> texts, Function<String, Object> element) {
        List<Object> values = new ArrayList<>(texts.size());
        for (Object t : texts) {
            values.add(t == null ? null : t instanceof List<?> inner ? typed(cast(inner), element)
                    : element.apply((String) t));
        }
        return Collections.unmodifiableList(values);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> cast(List<?> list) {
        return (List<Object>) list;
    }

    private static boolean holdsUnrepresentable(List<?> values) {
        for (Object v : values) {
            if (v instanceof UnrepresentableValue || v instanceof List<?> inner && holdsUnrepresentable(inner)) {
                return true;
            }
        }
        return false;
    }
}
