package dev.bisync.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One committed change to one row, decoded from a Debezium change event.
 *
 * @param operation     what happened
 * @param table         the source table
 * @param key           the primary-key columns and values (never null; empty only for keyless tables)
 * @param before        the row before the change; null for inserts, and for updates when the source does not log it
 * @param after         the row after the change; null for deletes
 * @param position      where the change sits in the source log
 * @param commitTime    when the source committed the transaction (or, failing that, when it logged the change)
 * @param transactionId the source transaction id (PostgreSQL xid, MySQL/MariaDB GTID or file:position), or null
 * @param source        who made the change
 */
public record ChangeEvent(Operation operation, TableId table, RowImage key, RowImage before, RowImage after,
        SourcePosition position, Instant commitTime, String transactionId, SourceMetadata source) {

    public ChangeEvent {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(commitTime, "commitTime");
        Objects.requireNonNull(source, "source");
        if (operation.writesRow() && after == null) {
            throw new IllegalArgumentException(operation + " of " + table + " without an after image");
        }
        if (operation == Operation.DELETE && before == null && key.isEmpty()) {
            throw new IllegalArgumentException("delete of " + table + " with neither key nor before image");
        }
    }

    /** The image that describes the row's new state: {@link #after()} for writes, {@link #before()} for deletes. */
    public RowImage image() {
        return after != null ? after : before;
    }
}
