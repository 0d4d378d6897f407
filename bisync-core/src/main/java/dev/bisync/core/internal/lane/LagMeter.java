package dev.bisync.core.internal.lane;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A lane's lag: the records waiting in its partitions (their end offsets minus the next offsets the lane has applied,
 * or started from), measured on the lane's consumer thread at most once a second and read by the watch from its own.
 * Not known (-1) until a rebalance has given the lane its partitions and they are positioned; 0 when the group gave it
 * none (more members than partitions, or topics that do not exist yet): nothing waits for this member.
 */
final class LagMeter {

    private static final long INTERVAL_MS = 1000;

    private final Consumer<?, ?> consumer;
    private final LaneMetrics metrics;
    /** Next offset the lane has applied / started from, per partition (consumer thread). */
    private final Map<TopicPartition, Long> appliedNext = new HashMap<>();
    private final Map<TopicPartition, Long> startedAt = new HashMap<>();
    /** The assigned partitions' end offsets at the last check. */
    private Map<TopicPartition, Long> endOffsets = Map.of();
    private long lastCheck;
    /** Whether a rebalance has given this member its partitions (perhaps none) since it subscribed. */
    private boolean assignmentKnown;
    private volatile long records = -1;
    private volatile long caughtUpAt = System.currentTimeMillis();

    LagMeter(Consumer<?, ?> consumer, LaneMetrics metrics) {
        this.consumer = consumer;
        this.metrics = metrics;
    }

    /** A rebalance ended (called at the end of every one, also when nothing was assigned): measure at once. */
    void assigned() {
        assignmentKnown = true;
        lastCheck = 0;
    }

    /** The lane starts a partition from this offset (stored in the target, or the first one polled). */
    void startedFrom(TopicPartition tp, long offset) {
        startedAt.putIfAbsent(tp, offset);
    }

    /** The lane starts these partitions from their offsets stored in the target. */
    void startedFrom(Map<TopicPartition, Long> stored) {
        startedAt.putAll(stored);
    }

    /** A batch committed: the next offsets of its partitions. */
    void applied(Map<TopicPartition, Long> next) {
        appliedNext.putAll(next);
    }

    /** Measures, unless it did within the last second; partitions in {@code unpositioned} are not known yet. */
    void measure(Set<TopicPartition> unpositioned) {
        long now = System.currentTimeMillis();
        if (now - lastCheck < INTERVAL_MS) {
            return;
        }
        lastCheck = now;
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            if (assignmentKnown) {
                records = 0;
                caughtUpAt = now;
            }
            return; // else not known: no rebalance has completed yet (see AlertRules.lagUnknownAfter)
        }
        Map<TopicPartition, Long> ends;
        try {
            ends = consumer.endOffsets(assigned, Duration.ofMillis(500));
        } catch (RuntimeException e) {
            return; // no broker answer: the last figure stands (the broker watch reports the outage)
        }
        long total = 0;
        for (TopicPartition tp : assigned) {
            Long end = ends.get(tp);
            Long done = appliedNext.getOrDefault(tp, startedAt.get(tp));
            if (done == null && !unpositioned.contains(tp)) {
                try {
                    done = consumer.position(tp, Duration.ofMillis(200)); // nothing polled from it yet
                } catch (RuntimeException e) {
                    return;
                }
            }
            if (end == null || done == null) {
                return; // not positioned yet
            }
            total += Math.max(0, end - done);
        }
        endOffsets = ends;
        records = total;
        if (total == 0) {
            caughtUpAt = now;
        }
    }

    /** Whether the consumer has read every assigned partition up to its end offset at the last check. */
    boolean readToEnd() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty() || endOffsets.isEmpty()) {
            return false;
        }
        try {
            for (TopicPartition tp : assigned) {
                Long end = endOffsets.get(tp);
                if (end == null || consumer.position(tp, Duration.ofMillis(100)) < end) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Records waiting, or -1 before the lane knows. */
    long records() {
        return records;
    }

    /**
     * How far behind its source the lane is, in seconds: 0 when nothing waits; else the time since the later of the
     * source commit of the newest change it applied and the moment it was last caught up.
     */
    double seconds() {
        if (records <= 0) {
            return 0;
        }
        long since = Math.max(caughtUpAt, metrics.lastSourceCommitMillis());
        return Math.max(0, System.currentTimeMillis() - since) / 1000.0;
    }
}
