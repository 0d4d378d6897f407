package dev.bisync.core.internal.verify;

import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.internal.apply.OffsetStore;
import dev.bisync.core.internal.lane.LaneAssembly;
import dev.bisync.core.internal.target.TargetConnections;
import dev.bisync.spi.dialect.Dialect;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether both lanes have passed a moment: every change the connectors captured up to that moment plus the capture
 * allowance (how long a committed change may take to reach Kafka) is applied. Judged from outside the lanes, so that
 * a verify run from the command line works while the lanes run in the host application: the end offsets of each
 * lane's topics (its tables' topics and the connector's transaction topic), read once the allowance has passed,
 * against the offsets the lane stored in its target database with the rows they produced ({@code bisync_offsets}):
 * a stored offset at or past the end offset means everything before it is committed on the target. Not
 * thread-safe.
 */
final class LaneProgress implements AutoCloseable {

    private record LaneTopics(String lane, SideConfig target, OffsetStore store, List<String> topics) {
    }

    private final List<LaneTopics> lanes = new ArrayList<>();
    private final KafkaConsumer<byte[], byte[]> consumer;

    LaneProgress(SyncConfig config, Map<String, Dialect> dialects) {
        for (SideConfig[] d : List.of(new SideConfig[] {config.sideA(), config.sideB()},
                new SideConfig[] {config.sideB(), config.sideA()})) {
            SideConfig source = d[0];
            SideConfig target = d[1];
            String lane = LaneAssembly.laneName(source, target);
            List<String> topics = new ArrayList<>(source.tables().stream().map(source::topicFor).toList());
            topics.add(source.topicPrefix() + ".transaction");
            lanes.add(new LaneTopics(lane, target, new OffsetStore(dialects.get(target.name()), target.namespace(),
                    lane, () -> null), topics));
        }
        Map<String, Object> c = new HashMap<>(config.kafkaProperties());
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "bisync-" + config.name() + "-verify");
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Waits until both lanes have passed {@code readAtMillis}: from {@code readAtMillis + allowance} on, until each
     * lane's stored offsets reach the end offsets read then.
     *
     * @return null when they have; else why not, after {@code timeout}
     */
    String awaitPassed(long readAtMillis, Duration allowance, Duration timeout) throws SQLException,
            InterruptedException {
        long wait = readAtMillis + allowance.toMillis() - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        Map<TopicPartition, Long> ends = new HashMap<>();
        Map<TopicPartition, Long> starts = new HashMap<>();
        for (LaneTopics lane : lanes) {
            List<TopicPartition> partitions = partitions(lane.topics());
            ends.putAll(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
            starts.putAll(consumer.beginningOffsets(partitions, Duration.ofSeconds(10)));
        }
        while (true) {
            String behind = behind(ends, starts);
            if (behind == null) {
                return null;
            }
            if (System.currentTimeMillis() > deadline) {
                return behind;
            }
            Thread.sleep(200);
        }
    }

    /** Which lane has records before the end offsets still to apply, or null. */
    private String behind(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> starts) throws SQLException {
        for (LaneTopics lane : lanes) {
            List<TopicPartition> partitions = ends.keySet().stream()
                    .filter(tp -> lane.topics().contains(tp.topic())).toList();
            if (partitions.isEmpty()) {
                continue;
            }
            Map<TopicPartition, Long> stored;
            try (Connection c = TargetConnections.open(lane.target().database())) {
                stored = lane.store().load(c, partitions);
            } catch (SQLException e) {
                stored = Map.of(); // no bisync_offsets yet: the lane never committed
            }
            long waiting = 0;
            for (TopicPartition tp : partitions) {
                long done = stored.getOrDefault(tp, starts.getOrDefault(tp, 0L));
                waiting += Math.max(0, ends.get(tp) - done);
            }
            if (waiting > 0) {
                return "lane " + lane.lane() + " has " + waiting + " captured record(s) still to apply";
            }
        }
        return null;
    }

    private List<TopicPartition> partitions(List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null) {
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        return partitions;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
