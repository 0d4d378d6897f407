package dev.bisync.core.internal.map;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.RowImage;

/**
 * A change expressed in the target's terms.
 *
 * @param event    the decoded source change
 * @param route    its table's route
 * @param key      the target primary key it touches
 * @param keyValues the key's values, in key order, as the target binds them
 * @param incoming the target row it leaves (target column names); null for a delete
 * @param before   the target row it expects to find (target column names); null when the source did not log one
 */
public record MappedChange(ChangeEvent event, TableRoute route, RowKey key, Object[] keyValues, RowImage incoming,
        RowImage before) {

    /** Whether the change removes the row. */
    public boolean isDelete() {
        return incoming == null;
    }
}
