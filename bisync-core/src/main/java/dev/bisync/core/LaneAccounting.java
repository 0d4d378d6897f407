package dev.bisync.core;

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
        outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
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
