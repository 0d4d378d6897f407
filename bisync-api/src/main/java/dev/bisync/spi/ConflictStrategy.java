package dev.bisync.spi;

import dev.bisync.api.RowImage;
import dev.bisync.spi.values.CanonicalOrder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides what happens to a change that conflicts with the target's current row (see {@link ConflictDetection}
 * for when a change conflicts).
 *
 * <p><b>Who calls it, on which thread.</b> A lane, on its applier thread ({@code bisync-<sync>-<lane>-apply}), once
 * per conflicting change, while it resolves a batch: the target rows of the batch are locked ({@code FOR UPDATE})
 * and nothing is written yet. Both lanes may call the same strategy object at the same time, so it must be
 * thread-safe; it must also be quick and must not touch the databases. The manual-resolution tools
 * ({@code bisync conflicts replay}) call it on their own thread.
 *
 * <p><b>Deterministic.</b> The same conflict seen from the two sides must be decided the same way: when lane A→B
 * keeps B's row, lane B→A must apply it over A's, or the databases never converge. The built-in strategies
 * compare values, never arrival times, and break ties by the configured priority side.
 *
 * <p><b>Exceptions.</b> An exception thrown from {@link #resolve} counts as a permanent failure of that one change:
 * it goes to the lane's dead-letter topic with the exception's message, the target row is left as it is, and the
 * lane goes on with the rest of the batch.
 *
 * <p>Strategies compose: where one {@link ConflictDecision.Outcome#ABSTAIN abstains}, the next decides; a chain
 * whose every member abstains ends in {@link #sidePriority()}.
 * <pre>{@code
 * ConflictStrategy orders = ConflictStrategy.ranked("status", List.of("pending", "paid", "shipped", "delivered"))
 *         .orElse(ConflictStrategy.lastWriteWins("updated_at"))
 *         .orElse(ConflictStrategy.sidePriority());
 * }</pre>
 */
@FunctionalInterface
public interface ConflictStrategy {

    /** The decision for one conflict; never null. */
    ConflictDecision resolve(Conflict conflict);

    /**
     * This strategy, and {@code next} wherever this one {@link ConflictDecision.Outcome#ABSTAIN abstains}. The same
     * threading and exception rules hold for the chain as for its members.
     */
    default ConflictStrategy orElse(ConflictStrategy next) {
        Objects.requireNonNull(next, "next");
        ConflictStrategy first = this;
        return named(first + ", else " + next, conflict -> {
            ConflictDecision decision = first.resolve(conflict);
            return decision.outcome() == ConflictDecision.Outcome.ABSTAIN ? next.resolve(conflict) : decision;
        });
    }

    /**
     * Last write wins: the row whose {@code column} (a timestamp, or any comparable column) holds the greater
     * value, in {@link CanonicalOrder}; on equal values the priority side wins. Abstains when either row is missing
     * (an update against a row deleted on the target, a delete: neither carries a time to compare) or holds null in
     * the column. Thread-safe; throws nothing.
     */
    static ConflictStrategy lastWriteWins(String column) {
        Objects.requireNonNull(column, "column");
        return named("lastWriteWins(" + column + ")", conflict -> {
            if (conflict.target() == null || conflict.incoming() == null) {
                return ConflictDecision.abstain(conflict.isDelete() ? "a delete carries no " + column
                        : "the row is gone on " + conflict.targetSide());
            }
            Object incoming = conflict.incoming().get(column);
            Object target = conflict.target().get(column);
            if (incoming == null || target == null) {
                return ConflictDecision.abstain(column + " is null or missing");
            }
            int c = CanonicalOrder.compare(incoming, target);
            if (c > 0) {
                return ConflictDecision.apply(conflict.sourceSide() + "'s " + column + " is newer");
            }
            if (c < 0) {
                return ConflictDecision.keepTarget(conflict.targetSide() + "'s " + column + " is newer");
            }
            return conflict.sourceHasPriority()
                    ? ConflictDecision.apply("same " + column + ", " + conflict.sourceSide() + " has priority")
                    : ConflictDecision.keepTarget("same " + column + ", " + conflict.targetSide() + " has priority");
        });
    }

    /** The side with priority (fixed in the configuration) always wins. Thread-safe; throws nothing. */
    static ConflictStrategy sidePriority() {
        return named("sidePriority", conflict -> conflict.sourceHasPriority()
                ? ConflictDecision.apply(conflict.sourceSide() + " has priority")
                : ConflictDecision.keepTarget(conflict.targetSide() + " has priority"));
    }

    /**
     * Ranked values: the row whose {@code column} holds the higher-ranked value wins, whatever the other columns
     * say — e.g. an order's status only moves forward, {@code ranked("status", List.of("pending", "paid",
     * "shipped", "delivered"))}. Values are matched by their text; null ranks below every listed value. Abstains
     * when both rows hold the same value, when either row is missing (a delete, a row gone on the target).
     * Thread-safe.
     *
     * @param lowestFirst the values in rising rank
     * @throws IllegalArgumentException from {@link #resolve} when a row holds a value that is not ranked (the change
     *                                  goes to the dead-letter topic, naming the value)
     */
    static ConflictStrategy ranked(String column, List<?> lowestFirst) {
        Objects.requireNonNull(column, "column");
        Map<String, Integer> rank = new LinkedHashMap<>();
        for (Object value : lowestFirst) {
            if (rank.putIfAbsent(String.valueOf(Objects.requireNonNull(value, "ranked value")), rank.size()) != null) {
                throw new IllegalArgumentException("ranked " + column + ": '" + value + "' is listed twice");
            }
        }
        if (rank.isEmpty()) {
            throw new IllegalArgumentException("ranked " + column + ": list at least one value");
        }
        return named("ranked(" + column + ": " + String.join(" < ", rank.keySet()) + ")", conflict -> {
            if (conflict.target() == null || conflict.incoming() == null) {
                return ConflictDecision.abstain("no " + column + " to rank on both sides");
            }
            int incoming = rankOf(rank, column, conflict.incoming().get(column));
            int target = rankOf(rank, column, conflict.target().get(column));
            if (incoming > target) {
                return ConflictDecision.apply(conflict.sourceSide() + "'s " + column + " ranks higher");
            }
            if (incoming < target) {
                return ConflictDecision.keepTarget(conflict.targetSide() + "'s " + column + " ranks higher");
            }
            return ConflictDecision.abstain("same " + column);
        });
    }

    private static int rankOf(Map<String, Integer> rank, String column, Object value) {
        if (value == null) {
            return -1;
        }
        Integer r = rank.get(String.valueOf(value));
        if (r == null) {
            throw new IllegalArgumentException(column + " '" + value + "' is not one of the ranked values "
                    + rank.keySet());
        }
        return r;
    }

    /**
     * Column-level merge of two updates of one row: each column changed on only one side takes that side's value,
     * so changes to different columns are both kept. A column both sides changed to different values takes the
     * greater value if it is one of {@code greatestWins} (e.g. {@code updated_at}), else the strategy abstains for
     * the whole row. Abstains for inserts, deletes, a row gone on the target, and a change without a before-image.
     * Both lanes compute the same merged row. Thread-safe; throws nothing.
     */
    static ConflictStrategy columnMerge(String... greatestWins) {
        Set<String> greatest = Set.of(greatestWins);
        return named("columnMerge" + (greatest.isEmpty() ? "" : "(greatest " + String.join(", ", greatestWins) + ")"),
                conflict -> {
                    if (conflict.incoming() == null || conflict.target() == null || conflict.before() == null) {
                        return ConflictDecision.abstain("column merge needs two updates of one row");
                    }
                    Map<String, Object> merged = new LinkedHashMap<>(conflict.target().values());
                    for (String column : conflict.differing()) {
                        Object incoming = conflict.incoming().get(column);
                        boolean source = conflict.sourceChanged().contains(column);
                        boolean target = conflict.targetChanged().contains(column);
                        if (source && target) {
                            if (!greatest.contains(column)) {
                                return ConflictDecision.abstain("both sides changed " + column);
                            }
                            Object current = conflict.target().get(column);
                            if (current == null || incoming != null && CanonicalOrder.compare(incoming, current) > 0) {
                                merged.put(column, incoming);
                            }
                        } else if (source) {
                            merged.put(column, incoming);
                        } else if (!target) {
                            return ConflictDecision.abstain("neither side's change explains " + column);
                        }
                    }
                    return ConflictDecision.merge(RowImage.of(merged), "columns merged: " + conflict.sourceSide()
                            + " changed " + conflict.sourceChanged() + ", " + conflict.targetSide() + " changed "
                            + conflict.targetChanged());
                });
    }

    /**
     * Manual: keeps the target row and parks the change in the target's {@code bisync_conflicts} table for a person
     * to resolve ({@code bisync conflicts list | show | resolve | replay}). Thread-safe; throws nothing.
     */
    static ConflictStrategy manual() {
        return named("manual", conflict -> ConflictDecision.park("left for manual resolution"));
    }

    /** bisync's default: {@code lastWriteWins("updated_at").orElse(sidePriority())}. */
    static ConflictStrategy defaultStrategy() {
        return lastWriteWins("updated_at").orElse(sidePriority());
    }

    /**
     * A strategy that describes itself as {@code description} (in logs and in {@code bisync_conflicts}); host
     * strategies written as lambdas can use it to be recognisable there.
     */
    static ConflictStrategy named(String description, ConflictStrategy strategy) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(strategy, "strategy");
        return new ConflictStrategy() {
            @Override
            public ConflictDecision resolve(Conflict conflict) {
                return strategy.resolve(conflict);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }
}
