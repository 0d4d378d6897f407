package dev.bisync.spi;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.RowImage;

import java.util.Objects;
import java.util.Set;

/**
 * A change that arrives for a row the target changed in the meantime, as the table's {@link ConflictDetection}
 * sees it: an update or delete whose before-image the target row no longer matches, an update or delete of a row
 * the target no longer has, or an insert of a key the target has with other values. Every image is in the
 * target's column names (after the {@link TableMapper}).
 *
 * @param event             the incoming change, as the source logged it
 * @param incoming          the row the change would leave on the target; null for a delete
 * @param before            the row the change expects to find (its before-image); null for an insert, and when the
 *                          source logged none
 * @param target            the target's current row; null when the target has no such row
 * @param sourceSide        the name of the side the change comes from
 * @param targetSide        the name of the side it would be written to
 * @param sourceHasPriority whether the source side wins ties (one side has priority, fixed in the configuration,
 *                          so that both lanes decide a tie the same way)
 * @param sourceChanged     the columns the incoming change sets to another value than its before-image holds
 *                          (empty without a before-image)
 * @param targetChanged     the columns where the target row holds another value than the change's before-image
 *                          (empty without a before-image or a target row)
 * @param differing         the columns where the incoming row and the target row hold different values (empty
 *                          when either is missing)
 */
public record Conflict(ChangeEvent event, RowImage incoming, RowImage before, RowImage target, String sourceSide,
        String targetSide, boolean sourceHasPriority, Set<String> sourceChanged, Set<String> targetChanged,
        Set<String> differing) {

    public Conflict {
        Objects.requireNonNull(event, "event");
        sourceChanged = Set.copyOf(sourceChanged);
        targetChanged = Set.copyOf(targetChanged);
        differing = Set.copyOf(differing);
    }

    /** Whether the incoming change deletes the row. */
    public boolean isDelete() {
        return incoming == null;
    }

    /** The side that wins a tie: the source side if it has priority, else the target side. */
    public String prioritySide() {
        return sourceHasPriority ? sourceSide : targetSide;
    }
}
