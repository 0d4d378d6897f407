package dev.bisync.core.internal.decode;

import dev.bisync.api.ChangeEvent;

/** What one Kafka record turned out to be. */
public sealed interface Decoded {

    /** A row change to apply. */
    record Change(ChangeEvent event) implements Decoded {
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
