package dev.bisync.core.internal.deadletter;

import dev.bisync.api.BisyncException;
import dev.bisync.core.internal.deadletter.ReplayMarks.Original;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a lane's dead-letter topic for a replay: a range of offsets, up to the topic's end when the read began,
 * without a consumer group (nothing is committed; the topic is only read). Used by one thread.
 */
public final class DeadLetterReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final long READ_TIMEOUT_MS = 60_000;

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;

    public DeadLetterReader(String bootstrapServers, Map<String, String> extraProperties, String topic,
            String clientId, int maxRecordsPerPoll) {
        this.topic = topic;
        Map<String, Object> c = new HashMap<>(extraProperties);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, DeadLetterPublisher.MAX_RECORD_BYTES + 1024 * 1024);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxRecordsPerPoll);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * The dead letters at offsets {@code from} to {@code to} (both inclusive) of every partition, in offset order
     * per partition; none when the topic does not exist.
     *
     * @throws BisyncException when the records cannot be read within a minute (Kafka unavailable)
     */
    public List<ConsumerRecord<byte[], byte[]>> read(long from, long to) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
        if (infos == null || infos.isEmpty()) {
            return letters;
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> stop = new HashMap<>();
        consumer.endOffsets(partitions).forEach((tp, end) -> {
            long until = to == Long.MAX_VALUE ? end : Math.min(end, to + 1);
            long start = Math.max(begin.get(tp), from);
            if (start < until) {
                consumer.seek(tp, start);
                stop.put(tp, until);
            }
        });
        consumer.pause(partitions.stream().filter(tp -> !stop.containsKey(tp)).toList());
        long deadline = System.currentTimeMillis() + READ_TIMEOUT_MS;
        while (stop.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.currentTimeMillis() > deadline) {
                throw new BisyncException("could not read " + topic + " up to offsets " + stop + " in "
                        + READ_TIMEOUT_MS / 1000 + " s: check that Kafka is available");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                Long until = stop.get(new TopicPartition(r.topic(), r.partition()));
                if (until != null && r.offset() < until) {
                    letters.add(r);
                }
            }
        }
        return letters;
    }

    /** Where a dead letter was read from, by its headers; null for a record without them (not a bisync one). */
    public static Original original(ConsumerRecord<byte[], byte[]> letter) {
        try {
            return new Original(header(letter, DeadLetterPublisher.ORIGINAL_TOPIC),
                    Integer.parseInt(header(letter, DeadLetterPublisher.ORIGINAL_PARTITION)),
                    Long.parseLong(header(letter, DeadLetterPublisher.ORIGINAL_OFFSET)));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        if (h == null) {
            throw new IllegalArgumentException("no header " + name);
        }
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
