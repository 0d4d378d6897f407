package dev.bisync.core.internal.decode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Debezium's stand-in for a value it could not read: PostgreSQL sends no value for an unchanged TOASTed column
 * (unless the table's replica identity is FULL), and the connector puts its {@code unavailable.value.placeholder}
 * (default {@code __debezium_unavailable_value}) there instead, in the column's type: the string itself for text
 * types, its UTF-8 bytes for {@code bytea}, a one-element list for text arrays, a list of its bytes as numbers for
 * int and bigint arrays.
 */
final class UnavailablePlaceholder {

    /** Debezium's default {@code unavailable.value.placeholder}. */
    static final String DEFAULT = "__debezium_unavailable_value";

    private final String text;
    private final byte[] bytes;
    private final String base64;
    private final String textArrayJson;
    private final String byteArrayJson;

    UnavailablePlaceholder(String text) {
        this.text = text;
        this.bytes = text.getBytes(StandardCharsets.UTF_8);
        this.base64 = Base64.getEncoder().encodeToString(bytes);
        StringBuilder numbers = new StringBuilder("[");
        for (byte b : bytes) {
            numbers.append(numbers.length() > 1 ? "," : "").append(b);
        }
        this.byteArrayJson = numbers.append(']').toString();
        this.textArrayJson = "[\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    /** Whether a text value is the placeholder. */
    boolean isText(String value) {
        return text.equals(value);
    }

    /** Whether a binary value is the placeholder's bytes. */
    boolean isBytes(byte[] value) {
        return Arrays.equals(bytes, value);
    }

    /** Whether a decoded array is the placeholder as a text array or as an int/bigint array. */
    boolean isArray(List<?> values) {
        if (values.size() == 1) {
            return text.equals(values.get(0));
        }
        if (values.size() != bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (!(values.get(i) instanceof Number n) || n.longValue() != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether a text value of a record without schema is the placeholder, as text or as its bytes in base64. */
    boolean isSchemalessText(String value) {
        return text.equals(value) || base64.equals(value);
    }

    /** Whether the compact JSON text of an array of a record without schema is one of the placeholder's forms. */
    boolean isSchemalessArray(String json) {
        return textArrayJson.equals(json) || byteArrayJson.equals(json);
    }
}
