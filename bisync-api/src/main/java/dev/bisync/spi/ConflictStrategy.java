package dev.bisync.spi;

import dev.bisync.spi.values.CanonicalOrder;

import java.util.Objects;

/**
 * Decides what happens to a change that conflicts with the target's current row.
 *
 * <p>Called by a lane on its own thread, once per conflicting change, while the lane's batch is being resolved
 * (before anything is written). Strategies must be deterministic — the same inputs give the same decision on both
 * lanes — or the two databases may never converge. An exception thrown from {@link #resolve} counts as a permanent
 * failure of that one event: it goes to the dead-letter topic with the exception's message, the lane goes on.
 *
 * <pre>{@code
 * ConflictStrategy rule = ConflictStrategy.lastWriteWins("updated_at").orElse(ConflictStrategy.sidePriority());
 * }</pre>
 */
@FunctionalInterface
public interface ConflictStrategy {

    /** The decision for one conflict; never null. */
    ConflictDecision resolve(Conflict conflict);

    /**
     * This strategy, and {@code next} wherever this one {@link ConflictDecision.Outcome#ABSTAIN abstains}.
     */
    default ConflictStrategy orElse(ConflictStrategy next) {
        Objects.requireNonNull(next, "next");
        return conflict -> {
            ConflictDecision decision = resolve(conflict);
            return decision.outcome() == ConflictDecision.Outcome.ABSTAIN ? next.resolve(conflict) : decision;
        };
    }

    /**
     * The newer row wins, by the value of a timestamp (or any comparable) column in {@link CanonicalOrder}; on a
     * tie the side with priority wins. Abstains when either row lacks the column or holds null in it (a delete has
     * no new value: it abstains too, unless the target row is missing).
     */
    static ConflictStrategy lastWriteWins(String column) {
        Objects.requireNonNull(column, "column");
        return conflict -> {
            if (conflict.target() == null) {
                return ConflictDecision.apply("target row missing");
            }
            if (conflict.incoming() == null) {
                return ConflictDecision.abstain("a delete carries no " + column);
            }
            Object incoming = conflict.incoming().get(column);
            Object target = conflict.target().get(column);
            if (incoming == null || target == null) {
                return ConflictDecision.abstain(column + " is null or missing");
            }
            int c = CanonicalOrder.compare(incoming, target);
            if (c > 0) {
                return ConflictDecision.apply("incoming " + column + " is newer");
            }
            if (c < 0) {
                return ConflictDecision.keepTarget("target " + column + " is newer");
            }
            return conflict.sourceHasPriority()
                    ? ConflictDecision.apply("same " + column + ", " + conflict.sourceSide() + " has priority")
                    : ConflictDecision.keepTarget("same " + column + ", " + conflict.targetSide() + " has priority");
        };
    }

    /** The side with priority (fixed in the configuration) always wins. */
    static ConflictStrategy sidePriority() {
        return conflict -> conflict.sourceHasPriority()
                ? ConflictDecision.apply(conflict.sourceSide() + " has priority")
                : ConflictDecision.keepTarget(conflict.targetSide() + " has priority");
    }

    /** bisync's default: {@code lastWriteWins("updated_at").orElse(sidePriority())}. */
    static ConflictStrategy defaultStrategy() {
        return lastWriteWins("updated_at").orElse(sidePriority());
    }
}
