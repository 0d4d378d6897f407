package dev.bisync.core.internal.lane;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.Operation;
import dev.bisync.api.RowImage;
import dev.bisync.api.SourceMetadata;
import dev.bisync.api.SourcePosition;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.lane.DecodedBatch.Item;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DecodedBatchSplitTest {

    private final long[] offsets = new long[2];

    @Test
    void splitsBetweenTransactionsKeepingEachPartitionAPrefix() {
        List<Item> items = new ArrayList<>();
        items.add(change(0, "t1", 1, 1));
        items.add(change(1, "t1", 1, 2));
        items.add(change(0, "t2", 2, 1));
        items.add(filtered(0)); // a tombstone after t2's change: goes with the second half
        items.add(change(1, "t3", 3, 1));
        items.add(change(1, "t3", 3, 2));
        DecodedBatch batch = BatchProcessor.batchOf(items, 0);
        DecodedBatch[] halves = batch.split();
        assertEquals(List.of("t1", "t1"), halves[0].changes().stream().map(i -> i.transactionKey).toList());
        assertEquals(List.of("t2", "t3", "t3"), halves[1].changes().stream().map(i -> i.transactionKey).toList());
        assertEquals(Map.of(tp(0), 1L, tp(1), 1L), halves[0].next());
        assertEquals(batch.next(), halves[1].next());
        assertEquals(6, halves[0].items().size() + halves[1].items().size());
    }

    @Test
    void aSingleTransactionIsNotSplit() {
        DecodedBatch batch = BatchProcessor.batchOf(List.of(change(0, "t1", 1, 1), change(1, "t1", 1, 2)), 0);
        assertNull(batch.split());
    }

    @Test
    void aSingleChangeOrNoneIsNotSplit() {
        assertNull(BatchProcessor.batchOf(List.of(change(0, "t1", 1, 1), filtered(1)), 0).split());
        assertNull(BatchProcessor.batchOf(List.of(filtered(0)), 0).split());
    }

    private static TopicPartition tp(int p) {
        return new TopicPartition("topic" + p, 0);
    }

    private Item filtered(int p) {
        Item item = new Item(new ConsumerRecord<>("topic" + p, 0, offsets[p]++, null, null));
        item.outcome = Outcome.FILTERED;
        return item;
    }

    private Item change(int p, String tx, long txOrder, long eventOrder) {
        Item item = new Item(new ConsumerRecord<>("topic" + p, 0, offsets[p]++, null, new byte[0]));
        item.transactionKey = tx;
        item.event = new ChangeEvent(Operation.CREATE, TableId.of("db", "t" + p), RowImage.empty(), null,
                RowImage.empty(), new SourcePosition(txOrder, eventOrder, tx), Instant.EPOCH, tx,
                new SourceMetadata("mariadb", null, 1, null));
        return item;
    }
}
