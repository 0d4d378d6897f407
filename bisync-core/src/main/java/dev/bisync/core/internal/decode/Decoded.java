package dev.bisync.core.internal.decode;

import dev.bisync.api.ChangeEvent;

/** What one Kafka record turned out to be. */
public sealed interface Decoded {

    /**
     * A row change to apply.
     *
     * @param transactionKey the source transaction it belongs to, as its connector's transaction topic names it
     *                       ({@link TransactionMarker#key}), or null when the record carries no {@code transaction}
     *                       block (transaction metadata off, snapshot reads)
     */
    record Change(ChangeEvent event, String transactionKey) implements Decoded {

        /** A change outside transaction metadata. */
        public Change(ChangeEvent event) {
            this(event, null);
        }
    }

    /**
     * A record that carries no row change and is counted and skipped: a tombstone (null value after a delete), a
     * heartbeat, a transaction boundary, a schema change, a PostgreSQL logical-decoding message ({@code op} m).
     *
     * @param kind a short label for metrics: {@code tombstone}, {@code heartbeat}, {@code transaction},
     *             {@code schema-change}, {@code message}
     */
    record Skip(String kind) implements Decoded {
    }
}
