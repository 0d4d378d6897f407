package dev.bisync.core.it;

import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stream of changes a kill-and-resume test writes into a counter table {@code (id int, n bigint)} on the
 * MySQL-family side, and what it reads back to judge the resumed sync ({@link CrashIT}, {@link MySqlCrashIT}).
 */
final class CounterStream {

    private CounterStream() {
    }

    /** {@code rows} inserts in transactions of 20, then {@code updates} increments of random rows in transactions of 10. */
    static void write(DatabaseEndpoint source, String table, int rows, int updates, AtomicInteger changes) {
        Random random = new Random(42);
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int id = 1; id <= rows; id++) {
                s.execute("INSERT INTO " + table + " VALUES (" + id + ", 0)");
                changes.incrementAndGet();
                if (id % 20 == 0) {
                    c.commit();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET n = n + 1 WHERE id = ?")) {
                for (int i = 1; i <= updates; i++) {
                    ps.setInt(1, 1 + random.nextInt(rows));
                    ps.executeUpdate();
                    changes.incrementAndGet();
                    if (i % 10 == 0) {
                        c.commit();
                        Thread.sleep(1);
                    }
                }
            }
            c.commit();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The changes applied on the target so far: rows plus the sum of their counters. */
    static long applied(DatabaseEndpoint target, String table) throws Exception {
        return Long.parseLong(Rows.read(target, "SELECT count(*) + coalesce(sum(n), 0) FROM " + table).get(0).get(0));
    }

    /** The offset lane mariadb-to-postgres stored with its rows for {@code topic}, or -1. */
    static long storedOffset(DatabaseEndpoint target, String topic) throws Exception {
        List<List<String>> rows = Rows.read(target, "SELECT next_offset FROM bisync_offsets WHERE lane = "
                + "'mariadb-to-postgres' AND topic = '" + topic + "'");
        return rows.isEmpty() ? -1 : Long.parseLong(rows.get(0).get(0));
    }

    /** The end offset of the topic's one partition. */
    static long topicEnd(EmbeddedStack stack, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            return c.endOffsets(List.of(new TopicPartition(topic, 0))).values().iterator().next();
        }
    }
}
