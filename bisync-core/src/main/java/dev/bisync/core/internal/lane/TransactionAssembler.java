package dev.bisync.core.internal.lane;

import dev.bisync.core.internal.decode.TransactionMarker;
import dev.bisync.core.internal.lane.DecodedBatch.Item;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Holds decoded records back until their source transaction is whole, and lets transactions go in source commit
 * order (on the lane's consumer thread). Debezium puts each table on its own topic, so the changes of one source
 * transaction arrive over several partitions and polls; the connector's transaction topic says, at each END, how
 * many change events the transaction produced per table. A transaction is released once every one of its events
 * the lane consumes has arrived and every transaction that committed before it has been released; released records
 * form a prefix of each partition (a record waits for the ones before it in its partition), so the offsets stored
 * with a batch never pass a record that was not applied.
 *
 * <p>Records outside transaction metadata (snapshot reads, a connector without {@code provide.transaction.metadata},
 * tombstones, heartbeats, undecodable records) go as soon as the records before them in their partition have gone.
 * A transaction larger than {@code maxTransactionEvents}, or whose END has arrived but whose events have not all
 * come although every partition has been read to its end, is released as far as it has arrived, with a warning
 * ({@link LaneMetrics#splitTransaction()}).
 */
final class TransactionAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionAssembler.class);
    /** Transactions released recently, by key: a late or repeated event of one is released at once. */
    private static final int RELEASED_MEMORY = 10_000;
    /** How long the oldest ended transaction may wait for missing events once all partitions are read to the end. */
    private static final long INCOMPLETE_WAIT_MS = 5_000;

    private final String transactionTopic;
    private final Set<String> collections;
    private final boolean postgres;
    private final int maxTransactionEvents;
    private final String logPrefix;
    private final LaneMetrics metrics;
    private final Map<TopicPartition, ArrayDeque<Item>> held = new LinkedHashMap<>();
    private final Map<String, Txn> open = new HashMap<>();
    private final ArrayDeque<Txn> ended = new ArrayDeque<>();
    /** Released transactions by key: true when released whole (an event of it arriving again is a duplicate). */
    private final LinkedHashMap<String, Boolean> released = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RELEASED_MEMORY;
        }
    };
    private int heldCount;

    private static final class Txn {
        final String key;
        /** The distinct events arrived (a connector restart may send some twice). */
        final java.util.Set<Object> seen = new java.util.HashSet<>();
        int arrived;
        /** The source position of its earliest event arrived, or null. */
        dev.bisync.api.SourcePosition first;
        long expected = -1;
        long endedAt;
        boolean released;

        Txn(String key) {
            this.key = key;
        }
    }

    /**
     * @param transactionTopic     the source connector's transaction topic
     * @param collections          the data collections the lane consumes, {@code <namespace>.<table>}
     * @param postgres             whether the source is PostgreSQL (its transaction ids carry an lsn suffix)
     * @param maxTransactionEvents the most events of one transaction held back before it is applied in pieces
     */
    TransactionAssembler(String transactionTopic, Set<String> collections, boolean postgres,
            int maxTransactionEvents, String logPrefix, LaneMetrics metrics) {
        this.transactionTopic = transactionTopic;
        this.collections = Set.copyOf(collections);
        this.postgres = postgres;
        this.maxTransactionEvents = maxTransactionEvents;
        this.logPrefix = logPrefix;
        this.metrics = metrics;
    }

    /** The transaction topic, which the lane subscribes to with its change topics. */
    String transactionTopic() {
        return transactionTopic;
    }

    /** Whether a record is a transaction marker (decoded here, not by the change decoder). */
    boolean isMarker(Item item) {
        return item.record.topic().equals(transactionTopic);
    }

    /** Takes in decoded items of one poll, in poll order (per partition in offset order). */
    void add(List<Item> items) {
        for (Item item : items) {
            held.computeIfAbsent(new TopicPartition(item.record.topic(), item.record.partition()),
                    tp -> new ArrayDeque<>()).add(item);
            heldCount++;
            if (isMarker(item)) {
                marker(item);
            } else if (item.transactionKey != null) {
                Boolean whole = released.get(item.transactionKey);
                if (whole == null) {
                    Txn txn = open.computeIfAbsent(item.transactionKey, Txn::new);
                    if (txn.seen.add(item.event != null ? item.event.position() : item.record.topic() + "@"
                            + item.record.offset())) {
                        txn.arrived++;
                    }
                    if (item.event != null && (txn.first == null || item.event.position().compareTo(txn.first) < 0)) {
                        txn.first = item.event.position();
                    }
                } else if (whole && item.outcome == null && item.undecodable == null) {
                    item.outcome = Outcome.DUPLICATE; // its transaction was applied whole already
                }
            }
        }
    }

    private void marker(Item item) {
        item.outcome = Outcome.FILTERED;
        item.table = "transaction";
        TransactionMarker marker;
        try {
            marker = TransactionMarker.parse(item.record.value());
        } catch (RuntimeException e) {
            item.outcome = null;
            item.undecodable = e.getMessage();
            return;
        }
        if (!marker.end()) {
            return; // a BEGIN tells nothing the END does not; it goes at once (a BEGIN without END, as for a
                    // transaction whose changes the connector filtered out, must not hold up the topic)
        }
        String key = marker.key(postgres);
        item.transactionKey = key;
        if (released.containsKey(key)) {
            item.transactionKey = null;
            return; // a repeated END of a transaction already applied
        }
        Txn txn = open.computeIfAbsent(key, Txn::new);
        if (txn.expected < 0) {
            long expected = 0;
            for (Map.Entry<String, Long> c : marker.counts().entrySet()) {
                if (collections.contains(c.getKey())) {
                    expected += c.getValue();
                }
            }
            txn.expected = expected;
            txn.endedAt = System.currentTimeMillis();
            ended.add(txn);
        }
    }

    /** How many records are held back. */
    int held() {
        return heldCount;
    }

    /**
     * The items that may go now, per partition in offset order; their changes are to be applied in source commit
     * order. Empty when nothing may go.
     *
     * @param readToEnd whether every assigned partition has been read to its end offset (asked only when the oldest
     *                  ended transaction has waited a while for missing events)
     */
    List<Item> release(BooleanSupplier readToEnd) {
        long now = System.currentTimeMillis();
        releaseEndless();
        for (Txn head; (head = ended.peek()) != null; ) {
            if (head.arrived >= head.expected) {
                // whole only if it counted events of ours: an END that counts none while its events come (other
                // data collection names) must not turn them into duplicates
                releaseTxn(head, head.expected > 0);
            } else if (now - head.endedAt > INCOMPLETE_WAIT_MS && readToEnd.getAsBoolean()) {
                LOG.warn("{} source transaction {}: its END counts {} event(s) of the synced tables, {} arrived although"
                        + " every partition is read to its end; applying what arrived", logPrefix, head.key,
                        head.expected, head.arrived);
                metrics.splitTransaction();
                releaseTxn(head, false);
            } else {
                break;
            }
        }
        splitOversized();
        List<Item> out = new ArrayList<>();
        for (Iterator<ArrayDeque<Item>> it = held.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Item> queue = it.next();
            while (!queue.isEmpty() && releasable(queue.peek())) {
                out.add(queue.poll());
                heldCount--;
            }
            if (queue.isEmpty()) {
                it.remove();
            }
        }
        return out;
    }

    /**
     * Transactions whose END will not come: ENDs arrive in commit order, so a transaction without END that committed
     * before one whose END has arrived lost its END (the transaction topic was read from a later point, e.g. first
     * read after an upgrade). Released as they are, with a warning.
     */
    private void releaseEndless() {
        Txn head = ended.peek();
        if (head == null || head.first == null || open.size() <= ended.size()) {
            return;
        }
        List<Txn> endless = new ArrayList<>();
        for (Txn txn : open.values()) {
            if (txn.expected < 0 && txn.first != null && txn.first.compareTo(head.first) < 0) {
                endless.add(txn);
            }
        }
        for (Txn txn : endless) {
            LOG.warn("{} source transaction {}: no END in the transaction topic before a later transaction's; "
                    + "applying its {} event(s) as they are", logPrefix, txn.key, txn.arrived);
            metrics.splitTransaction();
            releaseTxn(txn, false);
        }
    }

    /**
     * Keeps what is held within {@code maxTransactionEvents}: beyond it, the transactions held longest (ended ones
     * in commit order, then open ones by their first event's position) go as they are, in pieces — one too large
     * to hold, or whose END the lane will not read (its transaction topic read from a later point than its changes).
     */
    private void splitOversized() {
        long excess = heldCount - maxTransactionEvents;
        int split = 0;
        String first = null;
        while (excess > 0) {
            Txn oldest = ended.peek();
            if (oldest == null) {
                oldest = open.values().stream().filter(t -> !t.released)
                        .min(Comparator.comparing(t -> t.first, Comparator.nullsLast(Comparator.naturalOrder())))
                        .orElse(null);
            }
            if (oldest == null) {
                break;
            }
            excess -= Math.max(1, oldest.arrived);
            first = first == null ? oldest.key + " (" + oldest.arrived + " events)" : first;
            split++;
            releaseTxn(oldest, false);
            metrics.splitTransaction();
        }
        if (split > 0) {
            LOG.warn("{} {} held events are more than {}: {} source transaction(s) applied in pieces, the first {}; "
                    + "a reader of the target may see part of them", logPrefix, heldCount, maxTransactionEvents, split,
                    first);
        }
    }

    private void releaseTxn(Txn txn, boolean whole) {
        ended.remove(txn);
        txn.released = true;
        open.remove(txn.key);
        released.put(txn.key, whole);
    }

    private boolean releasable(Item item) {
        return item.transactionKey == null || released.containsKey(item.transactionKey);
    }

    /** Forgets everything held (partitions revoked: their next owner reads them again from the stored offsets). */
    void clear() {
        held.clear();
        open.clear();
        ended.clear();
        heldCount = 0;
    }
}
