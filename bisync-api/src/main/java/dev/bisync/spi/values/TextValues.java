package dev.bisync.spi.values;

import dev.bisync.api.JsonText;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Canonical values as text, for text columns and for types a driver takes as text (JSON, enums, UUIDs, intervals);
 * never truncated: text too long for its column is refused with an {@link UnfitValueException}. Stateless and
 * thread-safe.
 */
public final class TextValues {

    private TextValues() {
    }

    /**
     * The value's text.
     *
     * @param value any canonical value but bytes and lists; not null
     * @return a {@code String} as it is, a {@link JsonText}'s JSON text, a {@code BigDecimal} without exponent
     *         ({@link BigDecimal#toPlainString()}), anything else by its {@code toString()} (ISO forms for
     *         {@code java.time} values)
     * @throws UnfitValueException when the value is a {@code byte[]} or a {@code List}, which have no text form
     */
    public static String text(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof JsonText json) {
            return json.text();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof byte[] || value instanceof List) {
            throw UnfitValueException.wrongType(value, "text");
        }
        return value.toString();
    }

    /**
     * The text without the spaces that pad a fixed-length {@code char(n)} value.
     *
     * @param text any text; not null
     * @return the text without its trailing U+0020 spaces (other white space is kept); never null
     */
    public static String withoutTrailingSpaces(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * Checks that text fits a column of {@code maxCharacters} characters.
     *
     * @param text          the text to store; not null
     * @param maxCharacters the column's length in characters (Unicode code points, so a character outside the
     *                      Basic Multilingual Plane counts once); 0 or less means unlimited
     * @return the text itself, unchanged (never truncated)
     * @throws UnfitValueException when the text has more than {@code maxCharacters} code points
     */
    public static String fitLength(String text, int maxCharacters) {
        if (maxCharacters > 0 && text.length() > maxCharacters) {
            int characters = text.codePointCount(0, text.length());
            if (characters > maxCharacters) {
                throw new UnfitValueException("has " + characters + " characters, the column holds "
                        + maxCharacters);
            }
        }
        return text;
    }

    /**
     * The bytes a binary column stores for a value.
     *
     * @param value a {@code byte[]} (as it is), a {@code UUID} (its 16 bytes, big-endian) or text (UTF-8); not null
     * @return the bytes
     * @throws UnfitValueException for any other type
     */
    public static byte[] asBytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof UUID uuid) {
            return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits()).array();
        }
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw UnfitValueException.wrongType(value, "bytes");
    }

    /**
     * Appends text in the tab-separated text format that PostgreSQL's {@code COPY} and MySQL's {@code LOAD DATA}
     * share: backslash, tab, newline, carriage return and NUL escaped with a backslash.
     *
     * @param text the text; not null
     * @param out  where to append it
     */
    public static void appendEscaped(String text, StringBuilder out) {
        int first = 0;
        while (first < text.length() && text.charAt(first) != '\\' && text.charAt(first) > '\r') {
            first++; // most text has nothing to escape: append it at once
        }
        out.append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
    }
}
