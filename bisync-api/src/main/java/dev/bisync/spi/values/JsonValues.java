package dev.bisync.spi.values;

import dev.bisync.api.UnrepresentableValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON forms of the values of databases that lack a type, for those without it: lists (PostgreSQL arrays) as JSON
 * arrays ({@code [1,null,"a \"b\""]}), key-value maps (PostgreSQL {@code hstore}, which Debezium carries as a JSON
 * object) as JSON objects. A list written by {@link #arrayText} and read by {@link #parseArray} has its elements back
 * as text, numbers, booleans, nulls and nested lists, which the array's element type reads again. Stateless and
 * thread-safe.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /**
     * The JSON array of a list.
     *
     * @param list the elements: null, finite numbers and booleans as themselves, nested lists as arrays, bytes as
     *             {@code \x}-hex text, anything else as its {@link TextValues#text} in a JSON string
     * @return the compact JSON text; never null
     * @throws UnfitValueException when an element is a float's NaN or infinity, or an {@link UnrepresentableValue}
     *                             (a numeric NaN): no JSON number holds them, and a JSON string would be another value
     */
    public static String arrayText(List<?> list) {
        StringBuilder sb = new StringBuilder();
        append(sb, list);
        return sb.toString();
    }

    private static void append(StringBuilder sb, List<?> list) {
        sb.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object e = list.get(i);
            BigDecimal number = ExactNumbers.decimalOrNull(e);
            if (e == null) {
                sb.append("null");
            } else if (e instanceof List<?> inner) {
                append(sb, inner);
            } else if (e instanceof Boolean b) {
                sb.append(b);
            } else if (number != null) {
                sb.append(number.toPlainString());
            } else if (e instanceof Double || e instanceof Float || e instanceof UnrepresentableValue) {
                // a float here is not finite (else it has its exact decimal): no JSON number holds it
                throw new UnfitValueException("holds " + e + ", which no JSON number holds");
            } else {
                quote(sb, e instanceof byte[] bytes ? "\\x" + HexFormat.of().formatHex(bytes) : TextValues.text(e));
            }
        }
        sb.append(']');
    }

    private static void quote(StringBuilder sb, String text) {
        sb.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * The elements of a JSON array.
     *
     * @param json the text of a JSON array; not null
     * @return its elements: strings as {@code String}, numbers as {@code BigDecimal}, {@code true}/{@code false} as
     *         {@code Boolean}, {@code null} as null, arrays as nested unmodifiable lists
     * @throws UnfitValueException when the text is not a JSON array, or holds an object
     */
    public static List<Object> parseArray(String json) {
        Parser p = new Parser(json);
        p.space();
        List<Object> list = p.array();
        p.end();
        return list;
    }

    /**
     * The members of a JSON object whose values are strings or null (a PostgreSQL {@code hstore}).
     *
     * @param json the text of a JSON object; not null
     * @return its members in order, values as {@code String} or null
     * @throws UnfitValueException when the text is not such an object
     */
    public static Map<String, String> parseTextObject(String json) {
        Parser p = new Parser(json);
        p.space();
        p.expect('{');
        Map<String, String> members = new LinkedHashMap<>();
        p.space();
        if (p.peek() == '}') {
            p.at++;
        } else {
            char c;
            do {
                p.space();
                String key = p.string();
                p.space();
                p.expect(':');
                p.space();
                Object value = p.value();
                if (value != null && !(value instanceof String)) {
                    throw new UnfitValueException("is not a JSON object of strings (the value of '" + key + "')");
                }
                members.put(key, (String) value);
                p.space();
                c = p.next();
            } while (c == ',');
            if (c != '}') {
                throw new UnfitValueException("is not a JSON object (',' or '}' expected at " + (p.at - 1) + ")");
            }
        }
        p.end();
        return members;
    }

    private static final class Parser {
        private final String s;
        private int at;

        Parser(String s) {
            this.s = s;
        }

        List<Object> array() {
            expect('[');
            List<Object> out = new ArrayList<>();
            space();
            if (peek() == ']') {
                at++;
                return Collections.unmodifiableList(out);
            }
            while (true) {
                space();
                out.add(value());
                space();
                char c = next();
                if (c == ']') {
                    return Collections.unmodifiableList(out);
                }
                if (c != ',') {
                    throw new UnfitValueException("is not a JSON array (',' or ']' expected at " + (at - 1) + ")");
                }
            }
        }

        Object value() {
            char c = peek();
            if (c == '[') {
                return array();
            }
            if (c == '"') {
                return string();
            }
            if (c == '{') {
                throw new UnfitValueException("holds a JSON object where a scalar or array was expected");
            }
            if (s.startsWith("null", at)) {
                at += 4;
                return null;
            }
            if (s.startsWith("true", at) || s.startsWith("false", at)) {
                boolean b = c == 't';
                at += b ? 4 : 5;
                return b;
            }
            int start = at;
            while (at < s.length() && "+-.eE0123456789".indexOf(s.charAt(at)) >= 0) {
                at++;
            }
            try {
                return new BigDecimal(s.substring(start, at));
            } catch (NumberFormatException e) {
                throw new UnfitValueException("is not a JSON array of scalars and arrays (at " + start + ")");
            }
        }

        String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            for (char c = next(); c != '"'; c = next()) {
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (at + 4 > s.length()) {
                            throw new UnfitValueException("is not a JSON array (bad \\u escape)");
                        }
                        sb.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> sb.append(e);
                }
            }
            return sb.toString();
        }

        void end() {
            space();
            if (at < s.length()) {
                throw new UnfitValueException("is not a single JSON value (text after its end)");
            }
        }

        void space() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        char peek() {
            if (at >= s.length()) {
                throw new UnfitValueException("is not a JSON array (it ends early)");
            }
            return s.charAt(at);
        }

        char next() {
            char c = peek();
            at++;
            return c;
        }

        void expect(char c) {
            if (next() != c) {
                throw new UnfitValueException("is not a JSON array ('" + c + "' expected at " + (at - 1) + ")");
            }
        }
    }
}
