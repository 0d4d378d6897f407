package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The records under {@code src/test/resources/debezium/}: arrays of {@code {topic, key, value}} as the connectors
 * wrote them (see {@link DebeziumFixtureCapture}), or hand-written where a {@code comment} says so.
 */
final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /**
     * One record: its topic and its key and value bytes (null for none).
     *
     * @param topic the topic
     * @param key   the key bytes
     * @param value the value bytes
     */
    record Fixture(String topic, byte[] key, byte[] value) {

        /** The same record as a connector without schemas writes it: key and value hold only their payloads. */
        Fixture schemaless() {
            return new Fixture(topic, payloadOnly(key), payloadOnly(value));
        }

        private static byte[] payloadOnly(byte[] envelope) {
            if (envelope == null) {
                return null;
            }
            try {
                return JSON.writeValueAsBytes(JSON.readTree(envelope).get("payload"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The records of a fixture file, e.g. {@code deccappg/deccappg.public.dec_pg_types.json}. */
    static List<Fixture> load(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/debezium/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            List<Fixture> records = new ArrayList<>();
            for (JsonNode r : JSON.readTree(in)) {
                records.add(new Fixture(r.path("topic").asText(), bytes(r.get("key")), bytes(r.get("value"))));
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One record of a fixture file. */
    static Fixture load(String path, int index) {
        return load(path).get(index);
    }

    private static byte[] bytes(JsonNode node) throws IOException {
        return node == null || node.isNull() ? null : JSON.writeValueAsBytes(node);
    }
}
