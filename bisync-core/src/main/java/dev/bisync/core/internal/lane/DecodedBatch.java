package dev.bisync.core.internal.lane;

import dev.bisync.api.ChangeEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One polled batch after decoding, handed from the lane's consumer thread to its applier thread.
 *
 * @param items   every record of the batch, in poll order
 * @param changes the items holding a row change to apply, in source commit order
 * @param next    the next offset to consume, per partition
 * @param polledAt when the batch was polled ({@link System#nanoTime()})
 */
record DecodedBatch(List<Item> items, List<Item> changes, Map<TopicPartition, Long> next, long polledAt) {

    /** This batch followed by a later one, as one batch: its changes again in source commit order. */
    DecodedBatch merge(DecodedBatch later) {
        List<Item> allItems = new ArrayList<>(items);
        allItems.addAll(later.items);
        List<Item> allChanges = new ArrayList<>(changes.size() + later.changes.size());
        int a = 0;
        int b = 0;
        while (a < changes.size() && b < later.changes.size()) { // both in source commit order: merge them
            Item x = changes.get(a);
            Item y = later.changes.get(b);
            if (y.event.position().compareTo(x.event.position()) < 0) {
                allChanges.add(y);
                b++;
            } else {
                allChanges.add(x);
                a++;
            }
        }
        allChanges.addAll(changes.subList(a, changes.size()));
        allChanges.addAll(later.changes.subList(b, later.changes.size()));
        Map<TopicPartition, Long> allNext = new HashMap<>(next);
        later.next.forEach((tp, offset) -> allNext.merge(tp, offset, Math::max));
        return new DecodedBatch(allItems, allChanges, allNext, polledAt);
    }

    /**
     * This batch in two, cut between two source transactions near the middle of its changes: the first half holds
     * the earlier transactions and, per partition, the records before the second half's first; each half's offsets
     * are its own. Null when the batch holds a single transaction (or a single change).
     */
    DecodedBatch[] split() {
        if (changes.size() < 2) {
            return null;
        }
        int cut = changes.size() / 2;
        while (cut > 0 && sameTransaction(changes.get(cut - 1), changes.get(cut))) {
            cut--;
        }
        if (cut == 0) {
            cut = changes.size() / 2;
            while (cut < changes.size() && sameTransaction(changes.get(cut - 1), changes.get(cut))) {
                cut++;
            }
        }
        if (cut <= 0 || cut >= changes.size()) {
            return null;
        }
        Map<TopicPartition, Long> secondFrom = new HashMap<>();
        for (Item item : changes.subList(cut, changes.size())) {
            secondFrom.merge(partition(item), item.record.offset(), Math::min);
        }
        List<Item> firstItems = new ArrayList<>();
        List<Item> secondItems = new ArrayList<>();
        Map<TopicPartition, Long> firstNext = new HashMap<>();
        for (Item item : items) {
            Long from = secondFrom.get(partition(item));
            if (from == null || item.record.offset() < from) {
                firstItems.add(item);
                firstNext.merge(partition(item), item.record.offset() + 1, Math::max);
            } else {
                secondItems.add(item);
            }
        }
        java.util.Set<Item> first = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        first.addAll(firstItems);
        List<Item> firstChanges = changes.stream().filter(first::contains).toList();
        List<Item> secondChanges = changes.stream().filter(i -> !first.contains(i)).toList();
        return new DecodedBatch[] {new DecodedBatch(firstItems, firstChanges, firstNext, polledAt),
                new DecodedBatch(secondItems, secondChanges, next, polledAt)};
    }

    private static boolean sameTransaction(Item a, Item b) {
        return a.transactionKey != null && a.transactionKey.equals(b.transactionKey);
    }

    private static TopicPartition partition(Item item) {
        return new TopicPartition(item.record.topic(), item.record.partition());
    }

    /** A consumed record on its way through the batch; filled in by the stages, read after the commit. */
    static final class Item {
        final ConsumerRecord<byte[], byte[]> record;
        ChangeEvent event;
        /** The source transaction of the record ({@code TransactionMarker.key}), or null outside one. */
        String transactionKey;
        Outcome outcome;
        String table = "unknown";
        /** Why the record cannot be decoded; it is dead-lettered by the applier. */
        String undecodable;
        /** The completed passes of the batch in which the change failed for its own data. */
        int attempts;
        /** The error of the change's last failed pass, or null. */
        String failureClass;
        String failure;
        /** Whether {@link SubstitutedChanges} checked the change; why it refused it (a dead letter), or null. */
        boolean checked;
        String substituted;

        Item(ConsumerRecord<byte[], byte[]> record) {
            this.record = record;
        }
    }
}
