package dev.bisync.spi;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.RowImage;

/**
 * A change that arrives for a row the target changed in the meantime: the target row no longer matches the
 * event's before-image (or, for an insert, already exists with other values; for a delete, differs from what
 * was deleted).
 *
 * @param event                the incoming change
 * @param incoming             the row the change would leave on the target (mapped to target columns); null for
 *                             a delete
 * @param target               the target's current row (target columns); null when the target has no such row
 * @param sourceSide           the name of the side the change comes from
 * @param targetSide           the name of the side it would be written to
 * @param sourceHasPriority    whether the source side wins ties (one side has priority, fixed in the
 *                             configuration, so that both lanes decide a tie the same way)
 */
public record Conflict(ChangeEvent event, RowImage incoming, RowImage target, String sourceSide, String targetSide,
        boolean sourceHasPriority) {
}
