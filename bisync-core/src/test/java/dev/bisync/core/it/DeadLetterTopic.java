package dev.bisync.core.it;

import dev.bisync.testkit.EmbeddedStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a lane's dead-letter topic from the start, for assertions. */
final class DeadLetterTopic {

    private DeadLetterTopic() {
    }

    /** A dead letter: its headers (as text), key and value. */
    record Letter(long offset, Map<String, String> headers, byte[] key, byte[] value) {
        String header(String name) {
            return headers.get(name);
        }

        @Override
        public String toString() {
            return "@" + offset + " " + headers.get("bisync.original.topic") + "-"
                    + headers.get("bisync.original.partition") + "@" + headers.get("bisync.original.offset") + " "
                    + headers.get("bisync.error.class") + ": " + headers.get("bisync.error.message");
        }
    }

    /** Every record of the topic's partition 0 (none when the topic does not exist). */
    static List<Letter> read(EmbeddedStack stack, String topic) {
        List<Letter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                stack.kafkaBootstrapServers(), "allow.auto.create.topics", "false", "max.partition.fetch.bytes",
                String.valueOf(80 * 1024 * 1024)), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            if (!c.listTopics().containsKey(topic)) {
                return letters;
            }
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            long deadline = System.currentTimeMillis() + 30_000;
            while (c.position(tp) < end && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                    }
                    letters.add(new Letter(r.offset(), headers, r.key(), r.value()));
                }
            }
        }
        return letters;
    }

    /** How many records the topic holds (0 when it does not exist). */
    static long size(EmbeddedStack stack, String topic) {
        return read(stack, topic).size();
    }
}
