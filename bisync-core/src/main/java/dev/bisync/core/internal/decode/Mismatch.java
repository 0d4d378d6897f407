package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/** Builds the exception for a JSON value that contradicts its schema, quoting what was found. */
final class Mismatch {

    private static final int MAX_QUOTE = 60;

    private Mismatch() {
    }

    /** Throws {@link #of} unless the parser's current token is {@code token}. */
    static void expect(JsonParser p, JsonToken token, String expected) {
        if (p.currentToken() != token) {
            throw of(p, expected);
        }
    }

    /** "expected {expected}, found {the token and its text}". */
    static UndecodableRecordException of(JsonParser p, String expected) {
        return new UndecodableRecordException("expected " + expected + ", found " + found(p));
    }

    /** "{what}: {the token's text}", for a value of the right JSON kind that still cannot be read. */
    static UndecodableRecordException invalid(JsonParser p, String what) {
        return new UndecodableRecordException(what + ": " + found(p));
    }

    private static String found(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "end of input";
        }
        if (t.isScalarValue()) {
            String text;
            try {
                text = p.getText();
            } catch (IOException e) {
                text = "?";
            }
            if (text.length() > MAX_QUOTE) {
                text = text.substring(0, MAX_QUOTE) + "...";
            }
            return t == JsonToken.VALUE_STRING ? "string \"" + text + "\"" : text;
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> t.name();
        };
    }
}
