package dev.bisync.core.it;

import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static dev.bisync.core.it.Rows.awaitEqual;
import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Parents and children written in one source transaction arrive on two topics, so a poll may hold the child
 * without its parent (or a parent's delete without its children's). With one record per batch that happens on
 * almost every transaction; the lane must take in the next batch and apply the whole in source order, and
 * dead-letter nothing.
 */
@ExtendWith(EmbeddedStackExtension.class)
class ForeignKeyOrderIT {

    private static final int TRANSACTIONS = 20;

    private static SyncFixture fixture;
    private static EmbeddedStack stack;

    @BeforeAll
    static void start(EmbeddedStack s) throws Exception {
        stack = s;
        String parent = "CREATE TABLE fk_parent (id int PRIMARY KEY, name varchar(20) NOT NULL)";
        String child = "CREATE TABLE fk_child (id int PRIMARY KEY, parent_id int NOT NULL, "
                + "FOREIGN KEY (parent_id) REFERENCES fk_parent (id))";
        execute(stack.mariadb(), parent, child);
        execute(stack.postgres(), parent, child, "ALTER TABLE fk_parent REPLICA IDENTITY FULL",
                "ALTER TABLE fk_child REPLICA IDENTITY FULL");
        fixture = new SyncFixture(stack, "fk", 5605, List.of("fk_parent", "fk_child"), b -> b.batchSize(1));
        fixture.start();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void parentAndChildrenOfOneTransactionLandWhateverTheirPollOrder() throws Exception {
        roundTrip(stack.mariadb(), stack.postgres(), 0);
        roundTrip(stack.postgres(), stack.mariadb(), 1000);
        assertEquals(0, deadLetters("mariadb-to-postgres") + deadLetters("postgres-to-mariadb"),
                "nothing dead-lettered");
    }

    private static void roundTrip(DatabaseEndpoint source, DatabaseEndpoint target, int base) throws Exception {
        for (int t = 0; t < TRANSACTIONS; t++) {
            int id = base + t;
            transaction(source, "INSERT INTO fk_parent VALUES (" + id + ", 'p" + id + "')",
                    "INSERT INTO fk_child VALUES (" + (id * 10 + 100_000) + ", " + id + ")",
                    "INSERT INTO fk_child VALUES (" + (id * 10 + 100_001) + ", " + id + ")");
        }
        String children = "SELECT id, parent_id FROM fk_child WHERE parent_id >= " + base + " AND parent_id < "
                + (base + TRANSACTIONS) + " ORDER BY id";
        awaitEqual(source, target, children, TIMEOUT);
        assertEquals(2 * TRANSACTIONS, Rows.read(target, children).size());
        for (int t = 0; t < TRANSACTIONS; t++) {
            int id = base + t;
            transaction(source, "DELETE FROM fk_child WHERE parent_id = " + id, "DELETE FROM fk_parent WHERE id = " + id);
        }
        awaitEqual(source, target, "SELECT count(*) FROM fk_parent WHERE id >= " + base + " AND id < "
                + (base + TRANSACTIONS), TIMEOUT);
        assertEquals(List.of(List.of("0")), Rows.read(target, "SELECT count(*) FROM fk_child WHERE parent_id >= "
                + base + " AND parent_id < " + (base + TRANSACTIONS)));
    }

    private static long deadLetters(String lane) {
        String topic = "bisync.fk." + lane + ".dlq";
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                stack.kafkaBootstrapServers(), "allow.auto.create.topics", "false"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            if (!c.listTopics().containsKey(topic)) {
                return 0;
            }
            return c.endOffsets(List.of(new TopicPartition(topic, 0))).values().iterator().next();
        }
    }

    private static void transaction(DatabaseEndpoint endpoint, String... statements) throws Exception {
        try (Connection c = endpoint.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : statements) {
                s.execute(sql);
            }
            c.commit();
        }
    }
}
