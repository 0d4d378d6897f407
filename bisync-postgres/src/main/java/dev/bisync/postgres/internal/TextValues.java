package dev.bisync.postgres.internal;

import dev.bisync.api.JsonText;

import java.math.BigDecimal;
import java.util.List;

/** Canonical values as text, for text columns and for types the driver takes as text; never truncated. */
final class TextValues {

    private TextValues() {
    }

    /** The value's text: strings as they are, decimals without exponent, others by their ISO or usual form. */
    static String text(Object value) {
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

    /** The text without the spaces that pad a fixed-length {@code char(n)} value. */
    static String withoutTrailingSpaces(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(0, end);
    }

    /** The text, if it has at most {@code maxCharacters} characters (code points); 0 means unlimited. */
    static String fitLength(String text, int maxCharacters) {
        if (maxCharacters > 0 && text.length() > maxCharacters) {
            int characters = text.codePointCount(0, text.length());
            if (characters > maxCharacters) {
                throw new UnfitValueException("has " + characters + " characters, the column holds "
                        + maxCharacters);
            }
        }
        return text;
    }
}
