package dev.bisync.core.it;

import dev.bisync.api.Health;
import dev.bisync.core.DeadLetterReplay;
import dev.bisync.core.ReplayReport;
import dev.bisync.core.ReplaySelection;
import dev.bisync.core.it.DeadLetterTopic.Letter;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows PostgreSQL's columns are too narrow for are dead-lettered by the mariadb-to-postgres lane; once a column is
 * widened, {@link DeadLetterReplay} re-applies them (by table, by offset range, all) while the sync runs. A record
 * is re-applied once: a second replay, and a second copy of a dead letter in the topic, count as already replayed.
 * A record whose cause is not fixed yet stays in the topic and is reported with its reason.
 */
@ExtendWith(EmbeddedStackExtension.class)
class ReplayIT {

    private static final String LANE = "mariadb-to-postgres";
    private static final String DLQ = "bisync.replay." + LANE + ".dlq";

    private static SyncFixture fixture;
    private static EmbeddedStack stack;

    @BeforeAll
    static void start(EmbeddedStack s) throws Exception {
        stack = s;
        execute(stack.mariadb(), "CREATE TABLE replay_items (id int PRIMARY KEY, name varchar(20) NOT NULL)",
                "CREATE TABLE replay_notes (id int PRIMARY KEY, note varchar(20) NOT NULL)");
        execute(stack.postgres(), "CREATE TABLE replay_items (id int PRIMARY KEY, name varchar(5) NOT NULL)",
                "CREATE TABLE replay_notes (id int PRIMARY KEY, note varchar(5) NOT NULL)",
                "ALTER TABLE replay_items REPLICA IDENTITY FULL", "ALTER TABLE replay_notes REPLICA IDENTITY FULL");
        fixture = new SyncFixture(stack, "replay", 5632, List.of("replay_items", "replay_notes"), b -> { });
        fixture.start();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void deadLettersAreReappliedOnceTheirCauseIsFixedAndOnlyOnce() throws Exception {
        execute(stack.mariadb(), "INSERT INTO replay_items VALUES (1, 'ok'), (2, 'too-long-2'), (3, 'too-long-3')",
                "INSERT INTO replay_notes VALUES (1, 'too-long-note')", "INSERT INTO replay_items VALUES (4, 'ok4')");
        Rows.await("three dead letters and the good rows", TIMEOUT, () -> DeadLetterTopic.size(stack, DLQ) == 3
                        && Rows.read(stack.postgres(), "SELECT count(*) FROM replay_items").get(0).get(0).equals("2"),
                () -> DeadLetterTopic.read(stack, DLQ).toString());
        List<Letter> letters = DeadLetterTopic.read(stack, DLQ);
        long item3 = letters.stream().filter(l -> new String(l.value(), StandardCharsets.UTF_8)
                .contains("\"after\":{\"id\":3,")).findFirst().orElseThrow().offset();

        try (DeadLetterReplay replay = DeadLetterReplay.open(fixture.config, LANE)) {
            assertThrows(IllegalArgumentException.class, () -> replay.replay(ReplaySelection.table("nosuch")));

            ReplayReport notFixed = replay.replay(ReplaySelection.table("replay_notes"));
            print("notes, cause not fixed", notFixed);
            assertEquals(1, notFixed.selected());
            assertEquals(1, notFixed.stillFailing().size());
            assertTrue(notFixed.stillFailing().get(0).message().contains("the column holds 5"),
                    notFixed.stillFailing().toString());

            execute(stack.postgres(), "ALTER TABLE replay_items ALTER COLUMN name TYPE varchar(20)");
            ReplayReport one = replay.replay(ReplaySelection.offsets(item3, item3));
            print("item 3 by offset", one);
            assertEquals(1, one.accounting().count("applied"), one::toString);
            assertEquals(List.of(List.of("3", "too-long-3")),
                    Rows.read(stack.postgres(), "SELECT id, name FROM replay_items WHERE id = 3"));

            ReplayReport all = replay.replay(ReplaySelection.all());
            print("all, notes still too narrow", all);
            assertEquals(3, all.selected());
            assertEquals(1, all.alreadyReplayed(), "item 3 was replayed before");
            assertEquals(1, all.accounting().count("applied"), "item 2");
            assertEquals(1, all.stillFailing().size(), "the note");

            execute(stack.postgres(), "ALTER TABLE replay_notes ALTER COLUMN note TYPE varchar(20)");
            duplicate(letters.get(0));
            ReplayReport rest = replay.replay(ReplaySelection.all());
            print("all again, notes fixed, a duplicate dead letter in the topic", rest);
            assertEquals(4, rest.selected());
            assertEquals(3, rest.alreadyReplayed(), "items 2 and 3 and the duplicate copy");
            assertEquals(1, rest.accounting().count("applied"), "the note");
            assertEquals(List.of(), rest.stillFailing());
            for (ReplayReport report : List.of(notFixed, one, all, rest)) {
                assertTrue(report.balanced(), report::toString);
            }
        }
        Rows.awaitEqual(stack.mariadb(), stack.postgres(), "SELECT id, name FROM replay_items ORDER BY id", TIMEOUT);
        Rows.awaitEqual(stack.mariadb(), stack.postgres(), "SELECT id, note FROM replay_notes ORDER BY id", TIMEOUT);
        assertEquals(4, DeadLetterTopic.size(stack, DLQ), "a replay sends nothing to the dead-letter topic");
        try (DeadLetterReplay other = DeadLetterReplay.open(fixture.config, "postgres-to-mariadb")) {
            ReplayReport none = other.replay(ReplaySelection.all());
            print("the other lane, which has no dead-letter topic", none);
            assertEquals(0, none.selected());
            assertTrue(none.balanced(), none::toString);
        }
        assertThrows(IllegalArgumentException.class, () -> DeadLetterReplay.open(fixture.config, "a-to-b"));
        fixture.sync().accounting().forEach(a -> {
            System.out.println("[ReplayIT] sync " + a);
            assertTrue(a.balanced(), a::toString);
        });
        assertTrue(fixture.sync().status().stream().allMatch(l -> l.status() == Health.UP));
    }

    private static void print(String step, ReplayReport report) {
        System.out.println("[ReplayIT] " + step + ": " + report + "; still failing " + report.stillFailing());
    }

    /** A second copy of a dead letter, as a batch retried after its dead letters were sent leaves. */
    private static void duplicate(Letter letter) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                stack.kafkaBootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(DLQ, null, letter.key(), letter.value());
            letter.headers().forEach((k, v) -> copy.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(copy).get();
        }
    }
}
