package dev.bisync.core.internal.resolve;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.Operation;
import dev.bisync.api.RowImage;
import dev.bisync.spi.Conflict;
import dev.bisync.spi.ConflictDecision;
import dev.bisync.spi.ConflictDetection;
import dev.bisync.spi.ConflictStrategy;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Tells whether a change conflicts with the target row ({@link ConflictDetection}), builds the {@link Conflict} a
 * strategy sees and gets its decision. Stateless; shared by the lanes and the manual-resolution tools.
 */
public final class ConflictJudge {

    private ConflictJudge() {
    }

    /**
     * Whether a change that the target does not already reflect conflicts with the target row.
     *
     * @param operation the change's operation
     * @param before    its before-image in target columns (null if the source logged none)
     * @param incoming  the row it leaves (null for a delete)
     * @param current   the target's current row (null if absent)
     * @throws IllegalStateException when the detection's column is missing from the change
     */
    public static boolean conflicts(ConflictDetection detection, Operation operation, RowImage before,
            RowImage incoming, RowImage current) {
        if (operation == Operation.CREATE || operation == Operation.READ) {
            return current != null; // present with other values (equal ones were skipped)
        }
        if (current == null) {
            return true; // an update of a row the target no longer holds (a delete of it is skipped before)
        }
        if (before == null) {
            return false; // the source logged no before-image: nothing to compare
        }
        return switch (detection.method()) {
            case PRIMARY_KEY -> false;
            case OLD_VALUES -> !matches(before, current);
            case CHANGED_COLUMNS -> {
                if (incoming == null) {
                    yield false;
                }
                for (Map.Entry<String, Object> e : incoming.values().entrySet()) {
                    Object was = before.get(e.getKey());
                    Object now = current.get(e.getKey());
                    if (!CanonicalValues.equal(was, e.getValue()) && !CanonicalValues.equal(was, now)
                            && !CanonicalValues.equal(e.getValue(), now)) {
                        yield true; // both changed the column, to different values
                    }
                }
                yield false;
            }
            case TIMESTAMP, VERSION -> {
                String column = detection.column();
                if (!before.has(column)) {
                    throw new IllegalStateException("conflict detection " + detection + ": the change carries no "
                            + column + " column; detect by another column or method");
                }
                yield !CanonicalValues.equal(before.get(column), current.get(column));
            }
        };
    }

    /** The conflict as a strategy sees it, with the changed and differing columns worked out. */
    public static Conflict conflict(ChangeEvent event, RowImage incoming, RowImage before, RowImage current,
            String sourceSide, String targetSide, boolean sourceHasPriority) {
        return new Conflict(event, incoming, before, current, sourceSide, targetSide, sourceHasPriority,
                differing(before, incoming), differing(before, current), differing(current, incoming));
    }

    /**
     * The strategy's decision; a chain in which every strategy abstains ends in {@link ConflictStrategy#sidePriority()}.
     * A delete racing a change ({@link #isDeleteRace}) is decided by {@link #deleteWins} unless the strategy parks it.
     *
     * @throws RuntimeException whatever the strategy throws, or when it returns null
     */
    public static ConflictDecision decide(ConflictStrategy strategy, Conflict conflict) {
        ConflictDecision decision = strategy.resolve(conflict);
        if (decision == null) {
            throw new IllegalStateException("conflict strategy " + strategy + " returned null");
        }
        if (isDeleteRace(conflict) && decision.outcome() != ConflictDecision.Outcome.PARK) {
            return deleteWins(conflict);
        }
        if (decision.outcome() == ConflictDecision.Outcome.ABSTAIN) {
            decision = ConflictStrategy.sidePriority().resolve(conflict);
        }
        return decision;
    }

    /**
     * Whether the conflict is a delete racing a change of the same row: a delete of a row the target changed, or a
     * change of a row the target deleted.
     */
    public static boolean isDeleteRace(Conflict conflict) {
        return conflict.isDelete() || conflict.target() == null;
    }

    /**
     * A delete racing a change of the same row wins, in both lanes: lane A→B applies A's delete over B's changed
     * row, lane B→A keeps A's deletion over B's change. Row strategies compare two rows; here one side has none,
     * and what it deleted may have been a later version than the change (its own updates came first), so the only
     * rule both lanes can apply alike, whatever order the changes met in, is that the delete wins. The row is
     * never brought back in an older state.
     */
    static ConflictDecision deleteWins(Conflict conflict) {
        return conflict.isDelete()
                ? ConflictDecision.apply(conflict.sourceSide() + " deleted the row that " + conflict.targetSide()
                        + " changed: a delete wins over a concurrent change")
                : ConflictDecision.keepTarget(conflict.targetSide() + " deleted the row that " + conflict.sourceSide()
                        + " changed: a delete wins over a concurrent change");
    }

    /** Whether every column of {@code expected} holds the same value in {@code actual}. */
    public static boolean matches(RowImage expected, RowImage actual) {
        for (Map.Entry<String, Object> e : expected.values().entrySet()) {
            if (!CanonicalValues.equal(e.getValue(), actual.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The columns of {@code to} whose value differs from {@code from}'s; empty if either is null. */
    private static Set<String> differing(RowImage from, RowImage to) {
        Set<String> columns = new LinkedHashSet<>();
        if (from != null && to != null) {
            for (Map.Entry<String, Object> e : to.values().entrySet()) {
                if (!CanonicalValues.equal(from.get(e.getKey()), e.getValue())) {
                    columns.add(e.getKey());
                }
            }
        }
        return columns;
    }
}
