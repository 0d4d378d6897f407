package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonToken;
import dev.bisync.api.JsonText;

import java.util.UUID;
import java.util.function.Function;

/**
 * Decoders for values carried as JSON strings (text, JSON documents, UUIDs, enums, XML, intervals as text) and as
 * base64 (bytes, bit strings). Each recognises the connector's placeholder for an unavailable value (see
 * {@link UnavailablePlaceholder}).
 */
final class TextDecoders {

    private final UnavailablePlaceholder placeholder;

    /** Decoders that recognise {@code placeholder}, or none if it is null (for array elements). */
    TextDecoders(UnavailablePlaceholder placeholder) {
        this.placeholder = placeholder;
    }

    /** Connect {@code string}, and the textual logical types kept as text (Enum, EnumSet, Xml, Ltree, Interval). */
    ValueDecoder string() {
        return p -> {
            Mismatch.expect(p, JsonToken.VALUE_STRING, "a string");
            String s = p.getText();
            return placeholder != null && placeholder.isText(s) ? ValueDecoder.UNAVAILABLE : s;
        };
    }

    /** {@code io.debezium.data.Json}: the document's text, as {@link JsonText}. */
    ValueDecoder json() {
        return parsed("a JSON document as a string", JsonText::new);
    }

    /** {@code io.debezium.data.Uuid}. */
    ValueDecoder uuid() {
        return parsed("a UUID string", UUID::fromString);
    }

    /** Connect {@code bytes} (base64 in JSON) and {@code io.debezium.data.Bits}: a {@code byte[]}. */
    ValueDecoder bytes() {
        return p -> {
            Mismatch.expect(p, JsonToken.VALUE_STRING, "base64 bytes");
            byte[] b = p.getBinaryValue();
            return placeholder != null && placeholder.isBytes(b) ? ValueDecoder.UNAVAILABLE : b;
        };
    }

    private ValueDecoder parsed(String expected, Function<String, Object> parse) {
        return p -> {
            Mismatch.expect(p, JsonToken.VALUE_STRING, expected);
            String s = p.getText();
            if (placeholder != null && placeholder.isText(s)) {
                return ValueDecoder.UNAVAILABLE;
            }
            try {
                return parse.apply(s);
            } catch (IllegalArgumentException e) {
                throw Mismatch.invalid(p, "not " + expected);
            }
        };
    }
}
