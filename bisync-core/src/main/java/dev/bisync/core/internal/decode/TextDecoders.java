package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonToken;
import dev.bisync.api.JsonText;
import dev.bisync.spi.values.Durations;
import dev.bisync.spi.values.TextValues;
import dev.bisync.spi.values.UnfitValueException;

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

    /**
     * A PostgreSQL {@code char(n)} string (known from {@code datatype.propagate.source.type}), which the connector
     * sends padded: without its trailing spaces, as the dialects read and write {@code char(n)}.
     */
    ValueDecoder fixedLength() {
        ValueDecoder text = string();
        return p -> text.decode(p) instanceof String s ? TextValues.withoutTrailingSpaces(s) : ValueDecoder.UNAVAILABLE;
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

    /**
     * {@code io.debezium.data.Bits} of {@code length} bits: Debezium's bytes are little-endian (the first byte holds
     * the lowest bits) and leave out high zero bytes; the canonical value is big-endian and {@code (length + 7) / 8}
     * bytes long, as MySQL's BIT reads back.
     */
    ValueDecoder bits(int length) {
        ValueDecoder bytes = bytes();
        return p -> {
            Object value = bytes.decode(p);
            if (!(value instanceof byte[] b)) {
                return value;
            }
            byte[] bigEndian = new byte[Math.max(b.length, (length + 7) / 8)];
            for (int i = 0; i < b.length; i++) {
                bigEndian[bigEndian.length - 1 - i] = b[i];
            }
            return bigEndian;
        };
    }

    /**
     * {@code io.debezium.time.Interval} ({@code interval.handling.mode=string}): a {@code Duration} when the
     * interval has no years or months, else its ISO-8601 text as it came.
     */
    ValueDecoder interval() {
        ValueDecoder text = string();
        return p -> {
            Object value = text.decode(p);
            if (value instanceof String iso) {
                try {
                    return Durations.toDuration(iso);
                } catch (UnfitValueException e) {
                    return iso;
                }
            }
            return value;
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
