package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bisync.api.ChangeEvent;
import dev.bisync.api.SourcePosition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

import static dev.bisync.core.internal.decode.Rows.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SourcePosition} sorts captured changes from many topics into the order the source committed them, and by
 * their order within each transaction; the connectors' own transaction topics (BEGIN records, streamed in commit
 * order) are the reference. The fixtures hold two interleaved transactions: T1 inserts parent 1 first, T2 inserts
 * parent 2 and child 20 and commits, then T1 inserts children 10 and 11 in one statement, updates parent 1 and
 * commits.
 */
class DebeziumDecoderPositionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DebeziumDecoder decoder = new DebeziumDecoder();

    @Test
    void postgresChangesSortIntoCommitOrderAcrossTables() {
        List<ChangeEvent> events = sortedInterleaved("deccappg/deccappg.public.", "dec_pg");
        ChangeEvent t1First = events.get(2);
        ChangeEvent t2First = events.get(0);
        assertTrue(t1First.position().eventOrder() < t2First.position().eventOrder(),
                "T1's first change has the lower LSN: the change LSN alone would sort T1 first");
    }

    @Test
    void mariadbChangesSortIntoCommitOrderAndTransactionOrder() {
        List<ChangeEvent> events = sortedInterleaved("deccapmaria/deccapmaria.app.", "dec_maria");
        assertEquals(events.get(2).position().transactionOrder(), events.get(5).position().transactionOrder(),
                "T1's changes share the transaction's binlog position");
    }

    /** The parent/child changes, read in reverse, sorted by position; asserts they come out in commit order. */
    private List<ChangeEvent> sortedInterleaved(String files, String tables) {
        List<ChangeEvent> events = changes(files + tables + "_child.json", files + tables + "_parent.json");
        Collections.reverse(events);
        events.sort(Comparator.comparing(ChangeEvent::position));
        assertEquals(Scenarios.interleavedCommitOrder(tables), events.stream().map(Scenarios::describe).toList());
        return events;
    }

    @Test
    void sortedTransactionsFollowTheConnectorsTransactionTopic() throws Exception {
        assertCommitOrder("deccappg/deccappg.transaction.json", true, "deccappg/deccappg.public.dec_pg_types.json",
                "deccappg/deccappg.public.dec_pg_toast.json", "deccappg/deccappg.public.dec_pg_parent.json",
                "deccappg/deccappg.public.dec_pg_child.json");
        assertCommitOrder("deccapmaria/deccapmaria.transaction.json", false,
                "deccapmaria/deccapmaria.app.dec_maria_types.json", "deccapmaria/deccapmaria.app.dec_maria_parent.json",
                "deccapmaria/deccapmaria.app.dec_maria_child.json");
    }

    @Test
    void changesOfOneTransactionShareTheirTransactionOrder() {
        for (String prefix : List.of("deccappg/deccappg.public.dec_pg_", "deccapmaria/deccapmaria.app.dec_maria_")) {
            List<ChangeEvent> events = changes(prefix + "parent.json", prefix + "child.json");
            for (ChangeEvent a : events) {
                for (ChangeEvent b : events) {
                    assertEquals(a.transactionId().equals(b.transactionId()),
                            a.position().transactionOrder() == b.position().transactionOrder(), a + " / " + b);
                }
            }
        }
    }

    @Test
    void withoutTransactionMetadataMariaDbFallsBackToTheRowInItsEvent() throws Exception {
        Fixtures.Fixture child11 = Fixtures.load("deccapmaria/deccapmaria.app.dec_maria_child.json", 2);
        ObjectNode value = (ObjectNode) JSON.readTree(child11.value());
        ((ObjectNode) value.get("payload")).putNull("transaction");
        SourcePosition position = change(decoder, new Fixtures.Fixture(child11.topic(), child11.key(),
                JSON.writeValueAsBytes(value))).position();
        assertEquals(1, position.eventOrder(), "source.row of the second row of the INSERT");
        assertEquals("mariadb-bin.000001:" + value.at("/payload/source/pos").asLong() + " row 1", position.text());
    }

    @Test
    void positionTextIsTheDatabasesOwnNotation() {
        assertEquals("0/16B3748", SourcePositions.lsnText(0x16B3748L));
        assertEquals("1/A", SourcePositions.lsnText(0x1_0000_000AL));
        ChangeEvent pg = change(decoder, Fixtures.load("deccappg/deccappg.public.dec_pg_parent.json", 0));
        assertEquals("lsn " + SourcePositions.lsnText(pg.position().eventOrder()), pg.position().text());
        assertEquals(1L, SourcePositions.binlogNumber("mariadb-bin.000001"));
        assertEquals(-1L, SourcePositions.lastCommitLsn("[null,\"29658720\"]"));
        assertEquals(29661168L, SourcePositions.lastCommitLsn("[\"29661168\",\"29664112\"]"));
    }

    private void assertCommitOrder(String transactionTopic, boolean postgres, String... tables) throws Exception {
        List<String> committed = new ArrayList<>();
        for (Fixtures.Fixture r : Fixtures.load(transactionTopic)) {
            JsonNode payload = JSON.readTree(r.value()).get("payload");
            if ("BEGIN".equals(payload.get("status").asText())) {
                String id = payload.get("id").asText();
                committed.add(postgres ? id.substring(0, id.indexOf(':')) : id);
            }
        }
        List<ChangeEvent> events = changes(tables);
        Collections.reverse(events);
        events.sort(Comparator.comparing(ChangeEvent::position));
        LinkedHashSet<String> sorted = new LinkedHashSet<>();
        events.forEach(e -> sorted.add(e.transactionId()));
        committed.retainAll(sorted); // MariaDB: the ALTER TABLE's transaction has no row change
        assertEquals(committed, List.copyOf(sorted), "transactions in " + transactionTopic);
    }

    private List<ChangeEvent> changes(String... files) {
        List<ChangeEvent> events = new ArrayList<>();
        for (String file : files) {
            for (Fixtures.Fixture r : Fixtures.load(file)) {
                if (decoder.decode(r.topic(), r.key(), r.value()) instanceof Decoded.Change c) {
                    events.add(c.event());
                }
            }
        }
        return events;
    }
}
