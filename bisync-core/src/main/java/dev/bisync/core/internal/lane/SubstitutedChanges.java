package dev.bisync.core.internal.lane;

import dev.bisync.core.internal.lane.DecodedBatch.Item;
import dev.bisync.core.internal.source.SubstitutionCheck;

import java.util.ArrayList;
import java.util.List;

/**
 * Sets aside the changes of a batch that carry a value capture sent in place of the source's ({@link
 * SubstitutionCheck}): each is dead-lettered once with the reason, never retried, and counted in
 * {@code bisync.values.substituted}. Each change is checked once, however often its batch is tried.
 */
final class SubstitutedChanges {

    /** The error class named in the dead letter's headers. */
    static final String ERROR = "SubstitutedValueException";

    private SubstitutedChanges() {
    }

    /**
     * The changes to apply: those the check does not refute, in their order; the refuted ones get their reason
     * ({@code Item.substituted}) and the outcome DEAD_LETTERED.
     *
     * @throws dev.bisync.api.RetriableException the source could not be read
     */
    static List<Item> admitted(SubstitutionCheck check, List<Item> changes) {
        List<Item> unchecked = new ArrayList<>();
        for (Item item : changes) {
            if (!item.checked) {
                unchecked.add(item);
            }
        }
        check.check(unchecked, item -> item.event, (item, reason) -> item.substituted = reason);
        unchecked.forEach(item -> item.checked = true);
        List<Item> admitted = new ArrayList<>(changes.size());
        for (Item item : changes) {
            if (item.substituted == null) {
                admitted.add(item);
            } else {
                item.outcome = Outcome.DEAD_LETTERED;
            }
        }
        return admitted;
    }
}
