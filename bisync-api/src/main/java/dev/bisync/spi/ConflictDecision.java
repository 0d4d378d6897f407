package dev.bisync.spi;

import dev.bisync.api.RowImage;

import java.util.Objects;

/**
 * What to do with a conflicting change.
 *
 * @param outcome what happens
 * @param merged  the row to write, for {@link Outcome#MERGE}; else null
 * @param reason  why, in a few words, for the conflict record and the log
 */
public record ConflictDecision(Outcome outcome, RowImage merged, String reason) {

    /** The possible decisions. */
    public enum Outcome {
        /** Write the incoming change. */
        APPLY,
        /** Keep the target row; the incoming change is dropped (and recorded). */
        KEEP_TARGET,
        /** Write {@link #merged()} instead. */
        MERGE,
        /** Keep the target row and park the change for a person to resolve. */
        PARK,
        /** This strategy has no opinion; the next one in an {@code orElse} chain decides. */
        ABSTAIN
    }

    public ConflictDecision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        if ((outcome == Outcome.MERGE) != (merged != null)) {
            throw new IllegalArgumentException("a merged row goes with MERGE and only with MERGE");
        }
    }

    /** Write the incoming change. */
    public static ConflictDecision apply(String reason) {
        return new ConflictDecision(Outcome.APPLY, null, reason);
    }

    /** Keep the target row. */
    public static ConflictDecision keepTarget(String reason) {
        return new ConflictDecision(Outcome.KEEP_TARGET, null, reason);
    }

    /** Write this row instead. */
    public static ConflictDecision merge(RowImage merged, String reason) {
        return new ConflictDecision(Outcome.MERGE, merged, reason);
    }

    /** Park the change for manual resolution. */
    public static ConflictDecision park(String reason) {
        return new ConflictDecision(Outcome.PARK, null, reason);
    }

    /** Let the next strategy decide. */
    public static ConflictDecision abstain(String reason) {
        return new ConflictDecision(Outcome.ABSTAIN, null, reason);
    }
}
