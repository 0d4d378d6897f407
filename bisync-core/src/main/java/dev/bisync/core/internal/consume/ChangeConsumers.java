package dev.bisync.core.internal.consume;

import dev.bisync.api.config.SyncConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.util.HashMap;
import java.util.Map;

/**
 * Stage 1 of a lane, consume: the Kafka consumer of a lane's change topics. One consumer group per lane; manual
 * offsets only (the lane stores them in the target database with the rows, and commits them to Kafka afterwards
 * just so that lag can be watched); raw bytes, decoded by the lane.
 *
 * <p>Each consumer is a static member of its group ({@code group.instance.id} {@code <sync>-<lane>-<instance>},
 * {@link SyncConfig#instanceId()}): when an instance killed by a crash starts again, the coordinator recognises the
 * member and hands its partitions straight back. A dynamic member would instead wait in its join until the dead
 * member's session timed out ({@code session.timeout.ms}, 45 s by default), consuming nothing. The session timeout
 * is left at Kafka's default: with static membership it no longer delays a restart, only the moment another
 * instance takes over the partitions of one that does not come back (set {@code kafka.session.timeout.ms} to
 * shorten that, at the cost of rebalances on long GC pauses).
 */
public final class ChangeConsumers {

    /** The most a fetch response carries by default (about 100 Debezium JSON change events with schemas). */
    static final int FETCH_BYTES = 384 * 1024;

    private ChangeConsumers() {
    }

    /** The consumer group of a lane. */
    public static String groupId(SyncConfig config, String lane) {
        return "bisync-" + config.name() + "-" + lane;
    }

    /** The static member id of this instance's consumer of a lane, or null when static membership is off. */
    public static String instanceId(SyncConfig config, String lane) {
        return config.instanceId().isEmpty() ? null : config.name() + "-" + lane + "-" + config.instanceId();
    }

    /** A new consumer for a lane; the user's Kafka properties apply unless bisync depends on its own value. */
    public static KafkaConsumer<byte[], byte[]> create(SyncConfig config, String lane) {
        Map<String, Object> c = new HashMap<>(config.kafkaProperties());
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(config, lane));
        String instance = instanceId(config, lane);
        if (instance != null) {
            c.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance);
        } else {
            c.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG); // one id for every lane would fence them all
        }
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId(config, lane));
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batchSize());
        c.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000); // notice topics Debezium creates late
        c.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        // Fetch responses are read into one buffer each; under half a 1 MiB G1 region they are ordinary objects.
        // Larger ones are "humongous": each starts a concurrent GC cycle in a small heap. The lane still builds
        // batches of batchSize changes: it adds further polls to a batch while the applier is busy.
        c.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES);
        c.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_BYTES);
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
