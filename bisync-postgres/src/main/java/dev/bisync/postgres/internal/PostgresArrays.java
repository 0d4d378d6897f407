package dev.bisync.postgres.internal;

import dev.bisync.spi.values.ArrayLiterals;
import dev.bisync.spi.values.TextValues;

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
        return ArrayLiterals.parse(text);
    }
}
