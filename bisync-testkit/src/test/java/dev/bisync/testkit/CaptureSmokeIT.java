package dev.bisync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Capture works on both sides: each DML statement becomes the expected Debezium change event on its topic. */
@ExtendWith(EmbeddedStackExtension.class)
class CaptureSmokeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void postgresInsertUpdateDeleteBecomeChangeEvents(EmbeddedStack stack) throws Exception {
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE smoke_pg (id int PRIMARY KEY, name text NOT NULL, qty int)");
            s.execute("ALTER TABLE smoke_pg REPLICA IDENTITY FULL");
        }
        stack.connect().put("smoke-pg", DebeziumConnectors.postgres(stack, "smoke-pg", "smokepg",
                List.of("smoke_pg")));
        stack.connect().awaitRunning("smoke-pg", TIMEOUT);
        stack.awaitStreaming("smokepg", TIMEOUT);

        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO smoke_pg VALUES (1, 'first', 10)");
            s.execute("UPDATE smoke_pg SET name = 'second', qty = 11 WHERE id = 1");
            s.execute("DELETE FROM smoke_pg WHERE id = 1");
        }

        List<ConsumerRecord<String, String>> records = consume(stack, "smokepg.public.smoke_pg", 4);
        JsonNode created = payload(records.get(0));
        JsonNode updated = payload(records.get(1));
        JsonNode deleted = payload(records.get(2));
        assertEvent(created, "c", null, Map.of("id", 1, "name", "first", "qty", 10));
        assertEvent(updated, "u", Map.of("id", 1, "name", "first", "qty", 10), Map.of("id", 1, "name", "second", "qty", 11));
        assertEvent(deleted, "d", Map.of("id", 1, "name", "second", "qty", 11), null);
        assertNull(records.get(3).value(), "a delete is followed by a tombstone");
        assertEquals(JSON.readTree(records.get(2).key()), JSON.readTree(records.get(3).key()));

        for (JsonNode event : List.of(created, updated, deleted)) {
            JsonNode source = event.path("source");
            assertEquals("postgresql", source.path("connector").asText());
            assertEquals("app", source.path("db").asText());
            assertEquals("public", source.path("schema").asText());
            assertEquals("smoke_pg", source.path("table").asText());
            assertTrue(source.path("lsn").asLong() > 0, "source.lsn");
            assertTrue(source.path("txId").asLong() > 0, "source.txId");
        }
        assertTrue(payload(records.get(1)).path("source").path("lsn").asLong()
                > created.path("source").path("lsn").asLong(), "LSNs grow in commit order");
        stack.connect().delete("smoke-pg");
    }

    @Test
    void mariadbInsertUpdateDeleteBecomeChangeEvents(EmbeddedStack stack) throws Exception {
        try (Connection c = stack.mariadb().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE smoke_maria (id int PRIMARY KEY, name varchar(50) NOT NULL, qty int)");
        }
        stack.connect().put("smoke-maria", DebeziumConnectors.mariadb(stack, "smokemaria", 5401,
                List.of("smoke_maria")));
        stack.connect().awaitRunning("smoke-maria", TIMEOUT);
        stack.awaitStreaming("smokemaria", TIMEOUT);

        try (Connection c = stack.mariadb().connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO smoke_maria VALUES (1, 'first', 10)");
            s.execute("UPDATE smoke_maria SET name = 'second', qty = 11 WHERE id = 1");
            s.execute("DELETE FROM smoke_maria WHERE id = 1");
        }

        List<ConsumerRecord<String, String>> records = consume(stack, "smokemaria.app.smoke_maria", 4);
        JsonNode created = payload(records.get(0));
        JsonNode updated = payload(records.get(1));
        JsonNode deleted = payload(records.get(2));
        assertEvent(created, "c", null, Map.of("id", 1, "name", "first", "qty", 10));
        assertEvent(updated, "u", Map.of("id", 1, "name", "first", "qty", 10), Map.of("id", 1, "name", "second", "qty", 11));
        assertEvent(deleted, "d", Map.of("id", 1, "name", "second", "qty", 11), null);
        assertNull(records.get(3).value(), "a delete is followed by a tombstone");

        for (JsonNode event : List.of(created, updated, deleted)) {
            JsonNode source = event.path("source");
            assertEquals("mariadb", source.path("connector").asText());
            assertEquals("app", source.path("db").asText());
            assertEquals("smoke_maria", source.path("table").asText());
            assertEquals(MariaDbServer.SERVER_ID, source.path("server_id").asInt());
            assertTrue(source.path("gtid").asText().matches("0-" + MariaDbServer.SERVER_ID + "-\\d+"),
                    "source.gtid is domain-server-sequence: " + source.path("gtid"));
            assertFalse(source.path("file").asText().isEmpty(), "source.file");
            assertTrue(source.path("pos").asLong() > 0, "source.pos");
        }
        stack.connect().delete("smoke-maria");
    }

    private static void assertEvent(JsonNode payload, String op, Map<String, Object> before, Map<String, Object> after) {
        assertEquals(op, payload.path("op").asText(), "op of " + payload);
        assertImage(before, payload.path("before"), "before");
        assertImage(after, payload.path("after"), "after");
        assertTrue(payload.path("ts_ms").asLong() > 0, "ts_ms");
    }

    private static void assertImage(Map<String, Object> expected, JsonNode image, String which) {
        if (expected == null) {
            assertTrue(image.isNull() || image.isMissingNode(), which + " image should be null: " + image);
            return;
        }
        assertEquals(expected.size(), image.size(), which + " image columns: " + image);
        expected.forEach((column, value) -> assertEquals(String.valueOf(value), image.path(column).asText(),
                which + "." + column));
    }

    private static JsonNode payload(ConsumerRecord<String, String> record) throws Exception {
        JsonNode envelope = JSON.readTree(record.value());
        assertTrue(envelope.has("schema"), "the envelope carries its schema");
        return envelope.path("payload");
    }

    private static List<ConsumerRecord<String, String>> consume(EmbeddedStack stack, String topic, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "smoke-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertEquals(count, records.size(), "records on " + topic + ": " + records);
        return records;
    }
}
