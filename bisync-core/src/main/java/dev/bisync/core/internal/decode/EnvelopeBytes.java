package dev.bisync.core.internal.decode;

import java.nio.charset.StandardCharsets;

/**
 * Finds the parts of Kafka Connect's JSON envelope, {@code {"schema":...,"payload":...}}, in a record's raw bytes
 * without parsing them, so that the schema section can be matched against the cache byte for byte and the parser
 * can start right at the payload.
 */
final class EnvelopeBytes {

    private static final byte[] SCHEMA = "\"schema\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAYLOAD = "\"payload\"".getBytes(StandardCharsets.US_ASCII);

    private EnvelopeBytes() {
    }

    /** Where the value of a leading {@code "schema"} field starts, or -1 if the record does not begin with one. */
    static int schemaStart(byte[] b) {
        return fieldValue(b, 0, (byte) '{', SCHEMA);
    }

    /** Where the value of a leading {@code "payload"} field starts, or -1 if the record does not begin with one. */
    static int leadingPayloadStart(byte[] b) {
        return fieldValue(b, 0, (byte) '{', PAYLOAD);
    }

    /** Where the value of a {@code "payload"} field right after offset {@code from} starts, or -1. */
    static int payloadStart(byte[] b, int from) {
        return fieldValue(b, from, (byte) ',', PAYLOAD);
    }

    /** Whether the JSON value at {@code start} is the literal {@code null}. */
    static boolean isNull(byte[] b, int start) {
        return start + 4 <= b.length && b[start] == 'n' && b[start + 1] == 'u' && b[start + 2] == 'l'
                && b[start + 3] == 'l';
    }

    /**
     * The offset just past the object or array that starts at {@code start}, or -1 if it does not end (braces are
     * matched outside strings, honouring escapes).
     */
    static int endOfContainer(byte[] b, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < b.length; i++) {
            byte c = b[i];
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    /** After whitespace, {@code separator}, whitespace, {@code name}, whitespace, ':' and whitespace: the offset. */
    private static int fieldValue(byte[] b, int from, byte separator, byte[] name) {
        int i = skipWhitespace(b, from);
        if (i >= b.length || b[i] != separator) {
            return -1;
        }
        i = skipWhitespace(b, i + 1);
        if (i + name.length > b.length) {
            return -1;
        }
        for (int k = 0; k < name.length; k++) {
            if (b[i + k] != name[k]) {
                return -1;
            }
        }
        i = skipWhitespace(b, i + name.length);
        if (i >= b.length || b[i] != ':') {
            return -1;
        }
        i = skipWhitespace(b, i + 1);
        return i < b.length ? i : -1;
    }

    private static int skipWhitespace(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }
}
