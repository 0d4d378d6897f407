package dev.bisync.spi.values;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL array literals ({@code {1,"a b",NULL}}, {@code {{1,2},{3,4}}}, {@code [0:1]={7,8}}) parsed into their
 * elements' texts: quoted elements unescaped, {@code NULL} as null, each inner array a nested list. Shared by the
 * PostgreSQL dialect (reading array columns) and the decoder (arrays that bisync's converter sends as text).
 */
public final class ArrayLiterals {

    private ArrayLiterals() {
    }

    /**
     * The elements of an array literal, each as its text (null for {@code NULL}); nested arrays as lists.
     *
     * @param text the literal, after a dimension decoration such as {@code [0:2]=} or not
     * @return a new mutable list; never null
     * @throws IllegalArgumentException when the text is not an array literal
     */
    public static List<Object> parse(String text) {
        int start = text.indexOf('{');
        if (start < 0) {
            throw new IllegalArgumentException("not an array literal: " + text);
        }
        List<Object> result = new ArrayList<>();
        int end;
        try {
            end = parse(text, start + 1, result);
        } catch (StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("unterminated array literal: " + text);
        }
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
