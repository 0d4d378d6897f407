package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bisync.api.JsonText;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decoders for JSON containers: Connect arrays (PostgreSQL arrays) become an unmodifiable {@code List} of their
 * decoded elements; maps (PostgreSQL {@code hstore} with {@code hstore.handling.mode=map}) and structs without a
 * known logical name become {@link JsonText} of their JSON.
 */
final class StructuredDecoders {

    private static final JsonFactory JSON = new JsonFactory();

    private StructuredDecoders() {
    }

    /**
     * A Connect {@code array} whose elements decode with {@code items} (which must not look for the placeholder
     * themselves: an array is unavailable as a whole, in one of the array forms of the placeholder).
     */
    static ValueDecoder array(ValueDecoder items, UnavailablePlaceholder placeholder) {
        return p -> {
            Mismatch.expect(p, JsonToken.START_ARRAY, "an array");
            List<Object> values = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw Mismatch.of(p, "the end of the array");
                }
                values.add(t == JsonToken.VALUE_NULL ? null : items.decode(p));
            }
            return placeholder.isArray(values) ? ValueDecoder.UNAVAILABLE : Collections.unmodifiableList(values);
        };
    }

    /** A Connect {@code map} or an unknown {@code struct}: its JSON text. */
    static final ValueDecoder JSON_TEXT = p -> {
        if (p.currentToken() != JsonToken.START_OBJECT && p.currentToken() != JsonToken.START_ARRAY) {
            throw Mismatch.of(p, "an object");
        }
        return new JsonText(copy(p));
    };

    /** The compact JSON text of the object or array at the parser's current token; leaves it on the closing token. */
    static String copy(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.copyCurrentStructure(p);
        }
        return out.toString();
    }
}
