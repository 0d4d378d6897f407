package dev.bisync.core.internal.resolve;

import dev.bisync.api.RowImage;
import dev.bisync.core.internal.map.RowKey;
import dev.bisync.core.internal.map.TableRoute;

/**
 * One row write the apply stage performs.
 *
 * @param change    the index, in the batch, of the change that asked for it (for failure isolation)
 * @param route     the table
 * @param key       the row's key
 * @param keyValues the key's values in key order
 * @param row       the row to upsert (target column names); null to delete the row
 * @param kind      how the row is written
 */
public record Write(int change, TableRoute route, RowKey key, Object[] keyValues, RowImage row, Kind kind) {

    /** How a row is written. */
    public enum Kind {
        /** {@code INSERT … ON CONFLICT / ON DUPLICATE KEY UPDATE}: whatever the target holds. */
        UPSERT,
        /**
         * A plain {@code INSERT}: the target had no such row when the batch was resolved. If the target's own
         * application inserts the key meanwhile (absent rows cannot be locked), the insert fails on the key instead of
         * overwriting that row, and the change is resolved again — as a conflict.
         */
        INSERT,
        /** {@code UPDATE … SET} the columns of {@code row}: the row exists (locked) and only these columns change. */
        UPDATE,
        /** {@code DELETE} ({@code row} is null). */
        DELETE
    }

    /** A whole-row upsert, or a delete when {@code row} is null. */
    public Write(int change, TableRoute route, RowKey key, Object[] keyValues, RowImage row) {
        this(change, route, key, keyValues, row, row == null ? Kind.DELETE : Kind.UPSERT);
    }

    /** Whether this write deletes the row. */
    public boolean isDelete() {
        return row == null;
    }
}
