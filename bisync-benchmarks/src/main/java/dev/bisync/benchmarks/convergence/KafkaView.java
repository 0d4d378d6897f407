package dev.bisync.benchmarks.convergence;

import dev.bisync.testkit.DatabaseEndpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What Kafka and the lanes' own records say, read from outside the lanes (so it works the same for lanes in this JVM
 * and in another): a lane's lag (its source topics' end offsets against the next offsets it stored in its target
 * database's {@code bisync_offsets}, in the transaction of its writes), and a dead-letter topic's records.
 */
final class KafkaView implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;

    KafkaView(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers, "allow.auto.create.topics",
                "false", "default.api.timeout.ms", "5000", "request.timeout.ms", "5000"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Records of the topics not yet applied by the lane whose target is {@code target}: the end offsets minus the
     * stored next offsets; -1 when Kafka does not answer (e.g. the broker is restarting).
     */
    long lag(String lane, List<String> topics, DatabaseEndpoint target) throws SQLException {
        Map<TopicPartition, Long> ends;
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(5))) {
                    partitions.add(new TopicPartition(topic, p.partition()));
                }
            }
            ends = consumer.endOffsets(partitions, Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            return -1;
        }
        Map<TopicPartition, Long> stored = new HashMap<>();
        try (Connection c = target.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT topic, kafka_partition, next_offset FROM bisync_offsets WHERE lane = ?")) {
            ps.setString(1, lane);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                }
            }
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("bisync_offsets")) {
                throw e;
            }
            // the table does not exist yet: nothing stored
        }
        long lag = 0;
        for (var e : ends.entrySet()) {
            lag += Math.max(0, e.getValue() - stored.getOrDefault(e.getKey(), 0L));
        }
        return lag;
    }

    /** The records of a dead-letter topic (one partition): how many, and the first few described by their headers. */
    DeadLetters deadLetters(String topic) {
        List<String> first = new ArrayList<>();
        if (!consumer.listTopics(Duration.ofSeconds(10)).containsKey(topic)) {
            return new DeadLetters(0, first);
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
        long end = consumer.endOffsets(List.of(tp)).get(tp);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        long deadline = System.currentTimeMillis() + 10_000;
        while (first.size() < 10 && consumer.position(tp) < end && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (first.size() < 10) {
                    first.add(describe(r));
                }
            }
        }
        consumer.unsubscribe();
        return new DeadLetters(end - begin, first);
    }

    private static String describe(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> h = new HashMap<>();
        for (Header header : r.headers()) {
            h.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
        int payload = key.indexOf("\"payload\":");
        if (payload >= 0) { // a key with its schema: the payload only
            key = key.substring(payload + 10, key.length() - 1);
        }
        return h.get("bisync.original.topic") + "@" + h.get("bisync.original.offset") + " key " + key + " "
                + h.get("bisync.error.class") + ": " + String.valueOf(h.get("bisync.error.message"))
                .replaceAll("\\s*\\n\\s*", " ");
    }

    /** A dead-letter topic's record count and its first records, described. */
    record DeadLetters(long count, List<String> first) {
    }

    @Override
    public void close() {
        consumer.close();
    }
}
