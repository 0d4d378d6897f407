package dev.bisync.core.internal.lane;

import dev.bisync.core.internal.lane.DecodedBatch.Item;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionAssemblerTest {

    private static final String TX = "pg.transaction";
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TransactionAssembler assembler = new TransactionAssembler(TX, Set.of("public.parent",
            "public.child"), true, 50, "[test]", new LaneMetrics(registry, "s", "l"));
    private final long[] offsets = new long[3];

    @Test
    void aTransactionGoesOnlyWhenAllItsEventsHaveArrivedAndAfterTheOnesBeforeIt() {
        assembler.add(List.of(marker("BEGIN", "7:100", ""), change("parent", "7"),
                marker("END", "7:180", "{\"data_collection\":\"public.parent\",\"event_count\":1},"
                        + "{\"data_collection\":\"public.child\",\"event_count\":2},"
                        + "{\"data_collection\":\"public.other\",\"event_count\":9}"),
                marker("BEGIN", "8:200", ""), change("parent", "8"), change("child", "8"),
                marker("END", "8:220", "{\"data_collection\":\"public.parent\",\"event_count\":1},"
                        + "{\"data_collection\":\"public.child\",\"event_count\":1}")));
        assertEquals(List.of("transaction@0"), names(assembler.release(() -> false)),
                "7 misses its children; 8 waits for 7; only 7's BEGIN goes");
        assembler.add(List.of(change("child", "7")));
        assertEquals(List.of(), assembler.release(() -> false), "7 still misses a child");
        assembler.add(List.of(change("child", "7")));
        List<Item> out = assembler.release(() -> false);
        assertEquals(List.of("child@0", "child@1", "child@2", "parent@0", "parent@1",
                "transaction@1", "transaction@2", "transaction@3"), names(out).stream().sorted().toList());
        assertEquals(0, assembler.held());
    }

    @Test
    void eventsSentAgainAfterTheirTransactionWasAppliedWholeAreDuplicates() {
        assembler.add(List.of(change("parent", "4"),
                marker("END", "4:1", "{\"data_collection\":\"public.parent\",\"event_count\":1}")));
        assertEquals(2, assembler.release(() -> false).size());
        assembler.add(List.of(change("parent", "4")));
        List<Item> again = assembler.release(() -> false);
        assertEquals(Outcome.DUPLICATE, again.get(0).outcome);
    }

    @Test
    void changesWhoseEndsTheLaneWillNotReadGoOnceTooManyAreHeld() {
        TransactionAssembler small = new TransactionAssembler(TX, Set.of("public.parent"), true, 3, "[test]",
                new LaneMetrics(registry, "s", "l"));
        List<Item> items = new ArrayList<>();
        for (int t = 1; t <= 4; t++) { // four transactions of one change each, their ENDs never read
            Item item = change("parent", "t" + t);
            item.event = event(t);
            items.add(item);
        }
        small.add(items);
        List<Item> out = small.release(() -> false);
        assertEquals(List.of("parent@0"), names(out), "the oldest go, in order, down to the bound");
        assertTrue(small.held() <= 3);
    }

    @Test
    void aBeginWithoutEndDoesNotHoldUpTheTransactionTopic() {
        assembler.add(List.of(marker("BEGIN", "5:1", ""), marker("BEGIN", "6:1", ""), change("parent", "6"),
                marker("END", "6:2", "{\"data_collection\":\"public.parent\",\"event_count\":1}")));
        assertEquals(4, assembler.release(() -> false).size());
        assertEquals(0, assembler.held());
    }

    @Test
    void aTransactionWhoseEndNeverCameGoesOnceALaterOneHasEnded() {
        Item early = change("parent", "1");
        early.event = event(1);
        Item late = change("child", "2");
        late.event = event(2);
        assembler.add(List.of(early, late,
                marker("END", "2:1", "{\"data_collection\":\"public.child\",\"event_count\":1}")));
        assertEquals(List.of("child@0", "parent@0", "transaction@0"),
                names(assembler.release(() -> false)).stream().sorted().toList());
        assertEquals(1.0, registry.get("bisync.transactions.split").counter().count());
    }

    private static dev.bisync.api.ChangeEvent event(long order) {
        return new dev.bisync.api.ChangeEvent(dev.bisync.api.Operation.CREATE, dev.bisync.api.TableId.of("public",
                "t"), dev.bisync.api.RowImage.empty(), null, dev.bisync.api.RowImage.empty(),
                new dev.bisync.api.SourcePosition(order, 0, "p" + order), java.time.Instant.EPOCH, "x",
                new dev.bisync.api.SourceMetadata("postgresql", null, 0, null));
    }

    @Test
    void recordsOutsideTransactionsGoInPartitionOrder() {
        assembler.add(List.of(change("parent", null), change("parent", "9"), change("parent", null)));
        assertEquals(List.of("parent@0"), names(assembler.release(() -> false)),
                "the record after 9's waits for it: offsets never pass an unapplied record");
        assembler.add(List.of(marker("END", "9:1", "{\"data_collection\":\"public.parent\",\"event_count\":1}")));
        assertEquals(List.of("parent@1", "parent@2", "transaction@0"),
                names(assembler.release(() -> false)).stream().sorted().toList());
    }

    @Test
    void anOversizedTransactionGoesInPiecesAndIsCounted() {
        TransactionAssembler assembler = new TransactionAssembler(TX, Set.of("public.parent", "public.child"), true,
                5, "[test]", new LaneMetrics(registry, "s", "l"));
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            items.add(change("child", "5"));
        }
        assembler.add(items);
        assertEquals(6, assembler.release(() -> false).size());
        assertEquals(1.0, registry.get("bisync.transactions.split").counter().count());
        assembler.add(List.of(change("child", "5")));
        assertEquals(1, assembler.release(() -> false).size(), "the rest of it follows at once");
    }

    @Test
    void anEndedTransactionMissingEventsGoesOnlyOnceEveryPartitionIsReadToItsEnd() throws Exception {
        assembler.add(List.of(change("parent", "3"),
                marker("END", "3:1", "{\"data_collection\":\"public.parent\",\"event_count\":2}")));
        assertEquals(List.of(), assembler.release(() -> true), "it has not waited yet");
        assertTrue(assembler.held() > 0);
    }

    private static List<String> names(List<Item> items) {
        return items.stream().map(i -> i.record.topic().replace("pg.public.", "").replace("pg.", "") + "@"
                + i.record.offset()).toList();
    }

    private Item marker(String status, String id, String collections) {
        String json = "{\"status\":\"" + status + "\",\"id\":\"" + id + "\",\"event_count\":null,"
                + "\"data_collections\":" + (collections.isEmpty() ? "null" : "[" + collections + "]") + "}";
        return new Item(new ConsumerRecord<>(TX, 0, offsets[0]++, null, json.getBytes(StandardCharsets.UTF_8)));
    }

    private Item change(String table, String transaction) {
        int p = table.equals("parent") ? 1 : 2;
        Item item = new Item(new ConsumerRecord<>("pg.public." + table, 0, offsets[p]++, null, new byte[0]));
        item.transactionKey = transaction;
        return item;
    }
}
