package dev.bisync.postgres.internal;

import dev.bisync.spi.values.TextValues;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * PostgreSQL arrays in their text form ({@code {1,"a b",NULL}}): written as an untyped literal the server reads as
 * the column's array type, read back by parsing the column's text. Nested lists are multi-dimensional arrays.
 */
final class PostgresArrays {

    private PostgresArrays() {
    }

    /** The array literal of a list: each element in its text form, quoted; null elements as {@code NULL}. */
    static String literal(List<?> elements) {
        StringBuilder sb = new StringBuilder("{");
        for (Object element : elements) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            if (element == null) {
                sb.append("NULL");
            } else if (element instanceof List<?> inner) {
                sb.append(literal(inner));
            } else {
                String text = element instanceof byte[] bytes ? "\\x" + HexFormat.of().formatHex(bytes)
                        : TextValues.text(element);
                sb.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return sb.append('}').toString();
    }

    /** The elements of an array's text form, each still as text (null for {@code NULL}); nested arrays as lists. */
    static List<Object> parse(String text) {
        int start = text.indexOf('{'); // after a dimension decoration such as [0:2]=
        List<Object> result = new ArrayList<>();
        int end = parse(text, start + 1, result);
        if (end != text.length()) {
            throw new IllegalArgumentException("not an array literal: " + text);
        }
        return result;
    }

    /** Parses elements from {@code i} up to the closing brace into {@code out}; returns the index after it. */
    private static int parse(String text, int i, List<Object> out) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '}') {
                return i + 1;
            }
            if (c == ',') {
                i++;
            } else if (c == '{') {
                List<Object> inner = new ArrayList<>();
                i = parse(text, i + 1, inner);
                out.add(inner);
            } else if (c == '"') {
                StringBuilder element = new StringBuilder();
                for (i++; text.charAt(i) != '"'; i++) {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                    element.append(text.charAt(i));
                }
                out.add(element.toString());
                i++;
            } else {
                int endOfElement = i;
                while (text.charAt(endOfElement) != ',' && text.charAt(endOfElement) != '}') {
                    endOfElement++;
                }
                String element = text.substring(i, endOfElement).trim();
                out.add(element.equals("NULL") ? null : element);
                i = endOfElement;
            }
        }
        throw new IllegalArgumentException("unterminated array literal: " + text);
    }
}
