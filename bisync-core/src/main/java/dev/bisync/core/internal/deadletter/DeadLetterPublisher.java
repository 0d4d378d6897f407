package dev.bisync.core.internal.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Sends records a lane cannot apply to the lane's dead-letter topic: the original key and value bytes, and headers
 * naming the error, the original topic, partition and offset, the lane, the attempts and the time. A lane waits for
 * the broker's acknowledgement ({@link #flush()}) before it commits the batch, so a dead-lettered record is never
 * lost between the two.
 */
public final class DeadLetterPublisher implements AutoCloseable {

    /** Header names. */
    public static final String ERROR_CLASS = "bisync.error.class";
    public static final String ERROR_MESSAGE = "bisync.error.message";
    public static final String ORIGINAL_TOPIC = "bisync.original.topic";
    public static final String ORIGINAL_PARTITION = "bisync.original.partition";
    public static final String ORIGINAL_OFFSET = "bisync.original.offset";
    public static final String LANE = "bisync.lane";
    public static final String ATTEMPTS = "bisync.attempts";
    public static final String TIME = "bisync.time";

    private final String topic;
    private final String lane;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    public DeadLetterPublisher(String bootstrapServers, Map<String, String> extraProperties, String topic,
            String lane) {
        this.topic = topic;
        this.lane = lane;
        Map<String, Object> config = new HashMap<>(extraProperties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "bisync-dlq-" + lane);
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The dead-letter topic. */
    public String topic() {
        return topic;
    }

    /** Queues a record with the reason it could not be applied. */
    public void send(ConsumerRecord<byte[], byte[]> record, String errorClass, String message, int attempts) {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, null, record.key(), record.value());
        Headers h = letter.headers();
        header(h, ERROR_CLASS, errorClass);
        header(h, ERROR_MESSAGE, message);
        header(h, ORIGINAL_TOPIC, record.topic());
        header(h, ORIGINAL_PARTITION, String.valueOf(record.partition()));
        header(h, ORIGINAL_OFFSET, String.valueOf(record.offset()));
        header(h, LANE, lane);
        header(h, ATTEMPTS, String.valueOf(attempts));
        header(h, TIME, Instant.now().toString());
        pending.add(producer.send(letter));
    }

    private static void header(Headers headers, String key, String value) {
        headers.add(key, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until every queued record is acknowledged by the broker. */
    public void flush() throws ExecutionException, InterruptedException {
        producer.flush();
        for (Future<RecordMetadata> f : pending) {
            f.get();
        }
        pending.clear();
    }

    /** Forgets queued records of a batch that will be retried. */
    public void discardPending() {
        pending.clear();
    }

    @Override
    public void close() {
        producer.close();
    }
}
