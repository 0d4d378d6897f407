package dev.bisync.core.internal.decode;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.Operation;
import dev.bisync.testkit.DebeziumConnectors;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Live events of the real connectors decode to the canonical values of what was written, and their positions sort
 * changes of interleaved transactions (T1 begins first, commits second) across tables into commit order.
 */
@ExtendWith(EmbeddedStackExtension.class)
class DebeziumDecoderIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Scenarios SCENARIOS = new Scenarios("dec_it");

    private final DebeziumDecoder decoder = new DebeziumDecoder();

    @Test
    void postgresEventsDecodeToWhatWasWrittenAndSortInCommitOrder(EmbeddedStack stack) throws Exception {
        boolean extensions = SCENARIOS.createPostgresTables(stack);
        start(stack, "dec-it-pg", "decitpg",
                DebeziumConnectors.postgres(stack, "dec-it-pg", "decitpg", SCENARIOS.pgTables));
        SCENARIOS.postgresChanges(stack, extensions);
        List<ChangeEvent> events = decodeAll(CapturedTopics.read(stack.kafkaBootstrapServers(), "decitpg",
                r -> CapturedTopics.count(r, ".dec_it_pg_child") >= 4, Duration.ofSeconds(2), TIMEOUT));
        stack.connect().delete("dec-it-pg");

        ChangeEvent insert = first(events, "dec_it_pg_types", Operation.CREATE);
        assertEquals(ExpectedRows.postgresRow1(extensions), insert.after());
        assertEquals("postgresql", insert.source().connector());
        ChangeEvent toast = first(events, "dec_it_pg_toast", Operation.UPDATE);
        assertFalse(toast.after().has("big"), "unchanged TOASTed value: " + toast.after());
        assertCommitOrder(events, "dec_it_pg");
    }

    @Test
    void mariadbEventsDecodeToWhatWasWrittenAndSortInCommitOrder(EmbeddedStack stack) throws Exception {
        SCENARIOS.createMariaDbTables(stack);
        start(stack, "dec-it-maria", "decitmaria",
                DebeziumConnectors.mariadb(stack, "decitmaria", 5510, SCENARIOS.mariaTables));
        SCENARIOS.mariaDbChanges(stack);
        List<ChangeEvent> events = decodeAll(CapturedTopics.read(stack.kafkaBootstrapServers(), "decitmaria",
                r -> CapturedTopics.count(r, ".dec_it_maria_child") >= 4, Duration.ofSeconds(2), TIMEOUT));
        stack.connect().delete("dec-it-maria");

        ChangeEvent insert = first(events, "dec_it_maria_types", Operation.CREATE);
        assertEquals(ExpectedRows.mariaDbRow1(), insert.after());
        ChangeEvent second = events.stream().filter(e -> e.operation() == Operation.CREATE
                && e.key().get("id").equals(2L)).findFirst().orElseThrow();
        assertEquals(Duration.ofHours(-838).minusMinutes(59).minusSeconds(59), second.after().get("c_time"));
        assertCommitOrder(events, "dec_it_maria");
    }

    private static void start(EmbeddedStack stack, String name, String prefix, Map<String, String> config) {
        Map<String, String> c = new LinkedHashMap<>(config);
        c.put("provide.transaction.metadata", "true"); // MariaDB: the order within a transaction
        c.put("skipped.operations", "none");
        c.put("slot.drop.on.stop", "true");
        stack.connect().put(name, c);
        stack.connect().awaitRunning(name, TIMEOUT);
        stack.awaitStreaming(prefix, TIMEOUT);
    }

    /** Every record decodes; the changes are returned in the order read (grouped by topic, not commit order). */
    private List<ChangeEvent> decodeAll(List<ConsumerRecord<byte[], byte[]>> records) {
        List<ChangeEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (decoder.decode(r.topic(), r.key(), r.value()) instanceof Decoded.Change change) {
                events.add(change.event());
            }
        }
        return events;
    }

    private static void assertCommitOrder(List<ChangeEvent> events, String tablePrefix) {
        List<ChangeEvent> parentChild = new ArrayList<>(events.stream()
                .filter(e -> e.table().name().matches(tablePrefix + "_(parent|child)")).toList());
        parentChild.sort(Comparator.comparing(ChangeEvent::position));
        assertEquals(Scenarios.interleavedCommitOrder(tablePrefix),
                parentChild.stream().map(Scenarios::describe).toList(),
                "sorted by position: " + parentChild.stream().map(ChangeEvent::position).toList());
    }

    private static ChangeEvent first(List<ChangeEvent> events, String table, Operation operation) {
        return events.stream().filter(e -> e.table().name().equals(table) && e.operation() == operation)
                .findFirst().orElseThrow(() -> new AssertionError("no " + operation + " of " + table));
    }
}
