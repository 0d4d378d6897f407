package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonToken;
import dev.bisync.api.UnrepresentableValue;

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

    /** The elements of {@code {...}} (after a dimension decoration such as {@code [0:2]=}), nested lists for rows. */
    static List<Object> parse(String text, Function<String, Object> element) {
        int start = text.indexOf('{');
        List<Object> out = new ArrayList<>();
        int end = parse(text, start + 1, out, element);
        if (end != text.length()) {
            throw new IllegalArgumentException("not an array literal: " + text);
        }
        return Collections.unmodifiableList(out);
    }

    private static int parse(String text, int i, List<Object> out, Function<String, Object> element) {
        while (true) {
            char c = text.charAt(i);
            if (c == '}') {
                return i + 1;
            }
            if (c == ',') {
                i++;
            } else if (c == '{') {
                List<Object> inner = new ArrayList<>();
                i = parse(text, i + 1, inner, element);
                out.add(Collections.unmodifiableList(inner));
            } else if (c == '"') {
                StringBuilder value = new StringBuilder();
                for (i++; text.charAt(i) != '"'; i++) {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                    value.append(text.charAt(i));
                }
                out.add(element.apply(value.toString()));
                i++;
            } else {
                int end = i;
                while (text.charAt(end) != ',' && text.charAt(end) != '}') {
                    end++;
                }
                String value = text.substring(i, end).trim();
                out.add(value.equals("NULL") ? null : element.apply(value));
                i = end;
            }
        }
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
