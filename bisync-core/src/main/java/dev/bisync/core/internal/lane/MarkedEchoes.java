package dev.bisync.core.internal.lane;

import dev.bisync.core.internal.echo.EchoFilter;
import dev.bisync.core.internal.lane.DecodedBatch.Item;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the changes of bisync's marked transactions into echoes
 * ({@link dev.bisync.api.config.EchoMarking#MARKER_ROWS}): the {@link TransactionAssembler} releases a source transaction only once all of its events have arrived, marker row
 * included, so a transaction that carries this sync's marker is known when its changes go. On the consumer thread.
 *
 * <p>A transaction released in pieces (larger than the lane holds, or missing events) may have changes go before
 * its marker arrives: those are applied, and layer 3 (an equal row is not written) ends the echo.
 */
final class MarkedEchoes {

    /** Marked transactions remembered, for pieces of one released after its marker. */
    private static final int MEMORY = 10_000;

    private final EchoFilter filter;
    private final Map<String, Boolean> marked = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MEMORY;
        }
    };

    MarkedEchoes(EchoFilter filter) {
        this.filter = filter;
    }

    /** Marks as {@link Outcome#ECHO} the changes of released items whose transaction carries this sync's marker. */
    void settle(List<Item> released) {
        for (Item item : released) {
            if (item.event != null && item.transactionKey != null && filter.isOwnMarker(item.event)) {
                marked.put(item.transactionKey, Boolean.TRUE);
            }
        }
        if (marked.isEmpty()) {
            return;
        }
        for (Item item : released) {
            if (item.outcome == null && item.undecodable == null && item.transactionKey != null
                    && marked.containsKey(item.transactionKey)) {
                item.outcome = Outcome.ECHO;
            }
        }
    }
}
