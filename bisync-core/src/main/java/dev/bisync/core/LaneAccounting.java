package dev.bisync.core;

import dev.bisync.core.internal.lane.LaneMetrics;
import dev.bisync.core.internal.lane.Outcome;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What became of the records one lane consumed since it started: every record of a committed batch is counted once,
 * in exactly one outcome ({@code applied}, {@code skipped-equal}, {@code echo}, {@code filtered}, the conflict
 * decisions, {@code dead-lettered}), so {@link #consumed()} equals the sum of {@link #outcomes()}.
 *
 * @param lane     the lane's name, e.g. {@code mariadb-to-postgres}
 * @param consumed records of committed batches
 * @param outcomes records by outcome (the {@code outcome} tag of the {@code bisync.events} meter), every outcome
 *                 present, in a fixed order
 */
public record LaneAccounting(String lane, long consumed, Map<String, Long> outcomes) {

    public LaneAccounting {
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    /** A snapshot of a lane's (or a replay's) totals; a batch's counts are added under the metrics' lock. */
    static LaneAccounting of(String lane, LaneMetrics metrics) {
        synchronized (metrics) {
            Map<String, Long> outcomes = new LinkedHashMap<>();
            for (Outcome outcome : Outcome.values()) {
                outcomes.put(outcome.tag(), metrics.total(outcome));
            }
            return new LaneAccounting(lane, metrics.consumedTotal(), outcomes);
        }
    }

    /** What was counted since {@code earlier}, a snapshot of the same lane. */
    LaneAccounting since(LaneAccounting earlier) {
        Map<String, Long> delta = new LinkedHashMap<>();
        outcomes.forEach((outcome, n) -> delta.put(outcome, n - earlier.count(outcome)));
        return new LaneAccounting(lane, consumed - earlier.consumed, delta);
    }

    /** The records counted with this outcome; 0 for an outcome never seen. */
    public long count(String outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    /** Whether every consumed record is counted in exactly one outcome. */
    public boolean balanced() {
        return consumed == outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** E.g. {@code mariadb-to-postgres: consumed 12 = applied 9 + skipped-equal 1 + ... + dead-lettered 2}. */
    @Override
    public String toString() {
        return lane + ": consumed " + consumed + " = " + outcomes.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(" + "))
                + (balanced() ? "" : " (UNBALANCED)");
    }
}
