package dev.bisync.core.internal.decode;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.RowImage;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Shorthands for the decoder tests. */
final class Rows {

    private Rows() {
    }

    /** A row image of alternating column names and values, in that order. */
    static RowImage row(Object... columnsAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            values.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return RowImage.of(values);
    }

    static byte[] base64(String text) {
        return Base64.getDecoder().decode(text);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** Decodes a record that must be a change event. */
    static ChangeEvent change(DebeziumDecoder decoder, Fixtures.Fixture record) {
        Decoded decoded = decoder.decode(record.topic(), record.key(), record.value());
        return assertInstanceOf(Decoded.Change.class, decoded, () -> record.topic() + " decoded to " + decoded).event();
    }
}
