package dev.bisync.core.internal.decode;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads everything a Debezium connector wrote (its table topics, transaction topic, schema-change topic and heartbeat
 * topic), as raw bytes, for the decode ITs and the fixture capture.
 */
final class CapturedTopics {

    private CapturedTopics() {
    }

    /**
     * All records of the connector with this topic prefix, read from the beginning until {@code done} holds for the
     * records read so far and then nothing but heartbeats arrived for {@code quiet}; fails after {@code timeout}.
     */
    static List<ConsumerRecord<byte[], byte[]>> read(String bootstrapServers, String topicPrefix,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration quiet, Duration timeout) {
        Pattern topics = Pattern.compile(Pattern.quote(topicPrefix) + "(\\..+)?|__debezium-heartbeat\\."
                + Pattern.quote(topicPrefix));
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dec-capture-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastArrival = System.nanoTime();
            while (System.nanoTime() < deadline) {
                boolean arrived = false;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    records.add(r);
                    arrived |= !r.topic().startsWith("__debezium-heartbeat"); // heartbeats never go quiet
                }
                if (arrived) {
                    lastArrival = System.nanoTime();
                } else if (done.test(records) && System.nanoTime() - lastArrival > quiet.toNanos()) {
                    return records;
                }
            }
        }
        throw new AssertionError("records of " + topicPrefix + " incomplete after " + timeout + ": " + records.size()
                + " read, " + records.stream().map(ConsumerRecord::topic).distinct().toList());
    }

    /** How many records of the list went to topics ending in this suffix. */
    static long count(List<ConsumerRecord<byte[], byte[]>> records, String topicSuffix) {
        return records.stream().filter(r -> r.topic().endsWith(topicSuffix)).count();
    }
}
