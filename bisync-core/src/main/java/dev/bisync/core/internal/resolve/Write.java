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
 * @param update    whether the row exists and only the columns of {@code row} are to be set (an {@code UPDATE}
 *                  of part of the row) rather than the whole row upserted
 */
public record Write(int change, TableRoute route, RowKey key, Object[] keyValues, RowImage row, boolean update) {

    /** A whole-row upsert, or a delete when {@code row} is null. */
    public Write(int change, TableRoute route, RowKey key, Object[] keyValues, RowImage row) {
        this(change, route, key, keyValues, row, false);
    }

    /** Whether this write deletes the row. */
    public boolean isDelete() {
        return row == null;
    }
}
