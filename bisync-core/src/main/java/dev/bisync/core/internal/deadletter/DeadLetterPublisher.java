package dev.bisync.core.internal.deadletter;

import dev.bisync.core.internal.deadletter.ReplayMarks.Original;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends records a lane cannot apply to the lane's dead-letter topic: the original key and value bytes, and headers
 * naming the error, the original topic, partition and offset, the lane, the attempts and the time. A lane waits for
 * the broker's acknowledgement ({@link #flush()}) before it commits the batch, so a dead-lettered record is never
 * lost between the two. The reverse is not atomic: a batch whose commit fails after its dead letters were
 * acknowledged is tried again and sends them again, so a dead letter may appear twice; the copies carry the same
 * original topic, partition and offset, and a replay applies each original record once.
 *
 * <p>The topic is created on first use with one partition (dead letters stay in the order they were sent) and
 * room for records of up to {@value #MAX_RECORD_BYTES} bytes, so that a record the source topic accepted is not
 * refused by its dead-letter topic; an existing topic is used as it is. A larger record cannot be dead-lettered:
 * the broker refuses it, and the lane retries its batch (DEGRADED, the reason naming the record's size).
 */
public final class DeadLetterPublisher implements DeadLetters, AutoCloseable {

    /** The largest dead letter (the original key and value, and the headers) the topic and producer accept. */
    public static final int MAX_RECORD_BYTES = 64 * 1024 * 1024;

    /** Header names. */
    public static final String ERROR_CLASS = "bisync.error.class";
    public static final String ERROR_MESSAGE = "bisync.error.message";
    public static final String ORIGINAL_TOPIC = "bisync.original.topic";
    public static final String ORIGINAL_PARTITION = "bisync.original.partition";
    public static final String ORIGINAL_OFFSET = "bisync.original.offset";
    public static final String LANE = "bisync.lane";
    public static final String ATTEMPTS = "bisync.attempts";
    public static final String TIME = "bisync.time";

    private static final int MAX_MESSAGE_CHARS = 4000;

    private final String topic;
    private final String lane;
    private final Map<String, Object> adminConfig;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();
    private boolean topicReady;

    public DeadLetterPublisher(String bootstrapServers, Map<String, String> extraProperties, String topic,
            String lane) {
        this.topic = topic;
        this.lane = lane;
        Map<String, Object> config = new HashMap<>(extraProperties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * MAX_RECORD_BYTES);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "bisync-dlq-" + lane);
        this.adminConfig = new HashMap<>(extraProperties);
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "bisync-dlq-admin-" + lane);
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The dead-letter topic. */
    public String topic() {
        return topic;
    }

    @Override
    public void send(ConsumerRecord<byte[], byte[]> record, String errorClass, String message, int attempts) {
        send(record.key(), record.value(), new Original(record.topic(), record.partition(), record.offset()),
                errorClass, message, attempts);
    }

    /**
     * Queues a dead letter that no consumed record stands for (a row the initial copy refused): its key and value,
     * and the identity its headers give it in place of a record's topic, partition and offset.
     */
    public void send(byte[] key, byte[] value, Original original, String errorClass, String message,
            int attempts) {
        ensureTopic();
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, null, key, value);
        Headers h = letter.headers();
        header(h, ERROR_CLASS, errorClass);
        header(h, ERROR_MESSAGE, message != null && message.length() > MAX_MESSAGE_CHARS
                ? message.substring(0, MAX_MESSAGE_CHARS) + "..." : message);
        header(h, ORIGINAL_TOPIC, original.topic());
        header(h, ORIGINAL_PARTITION, String.valueOf(original.partition()));
        header(h, ORIGINAL_OFFSET, String.valueOf(original.offset()));
        header(h, LANE, lane);
        header(h, ATTEMPTS, String.valueOf(attempts));
        header(h, TIME, Instant.now().toString());
        pending.add(producer.send(letter));
    }

    private static void header(Headers headers, String key, String value) {
        headers.add(key, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Creates the topic unless it exists.
     *
     * @throws KafkaException when the broker cannot be asked or refuses (transient: the lane retries the batch, and
     *                        its DEGRADED reason says what to do)
     */
    private void ensureTopic() {
        if (topicReady) {
            return;
        }
        try (Admin admin = Admin.create(adminConfig)) {
            try {
                admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_RECORD_BYTES)));
                try {
                    admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException created) {
                    if (!(created.getCause() instanceof TopicExistsException)) {
                        throw created;
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new KafkaException("cannot create dead-letter topic " + topic + " (" + e.getCause() + "): create "
                    + "it with 1 partition and max.message.bytes=" + MAX_RECORD_BYTES + ", or let bisync's Kafka "
                    + "user create it", e);
        } catch (TimeoutException e) {
            throw new KafkaException("cannot create dead-letter topic " + topic + ": no answer in 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while creating dead-letter topic " + topic, e);
        }
        topicReady = true;
    }

    @Override
    public void flush() throws ExecutionException, InterruptedException {
        if (pending.isEmpty()) {
            return; // nothing sent in this batch: no need to wake the producer's sender (once per batch otherwise)
        }
        producer.flush();
        for (Future<RecordMetadata> f : pending) {
            f.get();
        }
        pending.clear();
    }

    @Override
    public void discardPending() {
        pending.clear();
    }

    @Override
    public void close() {
        producer.close();
    }
}
