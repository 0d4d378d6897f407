package dev.bisync.core.internal.health;

import dev.bisync.api.Health;
import dev.bisync.api.Alert;
import dev.bisync.api.config.AlertRules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The symptom rules of {@link AlertRules}: what makes a running lane DEGRADED ({@link Alert.Rule#degradesLane()}).
 * Dead letters, retried attempts and parked conflicts are counted within the symptom window, and so are changes
 * refused for a value capture substituted (any one is a symptom); a stall is records
 * waiting while the lane's committed count stands still; the lag is unknown while the lane has no partitions assigned
 * and positioned. A DOWN lane has none of these (it alerts as {@code LANE_DOWN}). Used by the watch thread only.
 */
final class LaneSymptoms {

    private final AlertRules rules;
    /** Per lane: its committed count, and since when it has stood still while records wait. */
    private final Map<String, Progress> progress = new HashMap<>();
    /** Per lane: since when its lag has been unknown. */
    private final Map<String, Instant> lagUnknownSince = new HashMap<>();

    private record Progress(long committed, Instant since) {
    }

    LaneSymptoms(AlertRules rules) {
        this.rules = rules;
    }

    /**
     * The symptoms one lane shows now.
     *
     * @param windowStart the lane's oldest sample within the symptom window
     */
    List<Candidate> of(Instant now, LaneSample lane, LaneSample windowStart) {
        if (lane.status() == Health.DOWN) {
            progress.remove(lane.lane());
            lagUnknownSince.remove(lane.lane());
            return List.of();
        }
        String window = AlertEvaluator.human(rules.symptomWindow());
        List<Candidate> found = new ArrayList<>();
        count(found, Alert.Rule.DEAD_LETTERING, lane, lane.deadLetters() - windowStart.deadLetters(),
                rules.deadLettering(), "lane %s dead-lettered %d events within %s (threshold %d); the reasons are in "
                        + "the headers of its dead-letter topic", window);
        count(found, Alert.Rule.RETRYING, lane, lane.retries() - windowStart.retries(), rules.retrying(),
                "lane %s retried %d batch attempts within %s (threshold %d): the target database or Kafka keeps "
                        + "failing, or changes keep failing for their data (see the log)", window);
        count(found, Alert.Rule.CONFLICTS_PARKED, lane, lane.parked() - windowStart.parked(), rules.parking(),
                "lane %s parked %d conflicts for manual resolution within %s (threshold %d): see bisync conflicts "
                        + "list", window);
        substituted(lane, lane.substituted() - windowStart.substituted(), window, found);
        stall(now, lane, found);
        lagUnknown(now, lane, found);
        return found;
    }

    private static void count(List<Candidate> found, Alert.Rule rule, LaneSample lane, long counted, long threshold,
            String format, String window) {
        if (threshold > 0 && counted > threshold) {
            found.add(new Candidate(rule, lane.lane(), counted, threshold, Duration.ZERO,
                    String.format(Locale.ROOT, format, lane.lane(), counted, window, threshold)));
        }
    }

    /** Any change refused for a value capture substituted is a symptom: the source holds a row the target lacks. */
    private static void substituted(LaneSample lane, long counted, String window, List<Candidate> found) {
        if (counted > 0) {
            found.add(new Candidate(Alert.Rule.VALUES_SUBSTITUTED, lane.lane(), counted, 0, Duration.ZERO,
                    String.format(Locale.ROOT, "lane %s refused %d %s within %s whose source value capture could not "
                    + "send (Debezium sent NULL or 1970-01-01 for a zero or invalid date, a label with ?, a zero "
                    + "interval for infinity): each is in the dead-letter topic with the source's value", lane.lane(),
                    counted, counted == 1 ? "change" : "changes", window)));
        }
    }

    private void stall(Instant now, LaneSample lane, List<Candidate> found) {
        Progress p = progress.get(lane.lane());
        if (p == null || lane.lagRecords() <= 0 || lane.committed() != p.committed()) {
            progress.put(lane.lane(), new Progress(lane.committed(), now));
            return;
        }
        Duration still = Duration.between(p.since(), now);
        Duration after = rules.stalledAfter();
        if (!after.isZero() && still.compareTo(after) >= 0) {
            found.add(new Candidate(Alert.Rule.STALLED, lane.lane(), still.toSeconds(), after.toSeconds(),
                    Duration.ZERO, String.format(Locale.ROOT, "lane %s has applied nothing for %d s while %d %s "
                    + "(threshold %s): its writes are blocked (a lock held on the target?) or keep failing",
                    lane.lane(), still.toSeconds(), lane.lagRecords(), lane.lagRecords() == 1 ? "record waits"
                    : "records wait", AlertEvaluator.human(after))));
        }
    }

    private void lagUnknown(Instant now, LaneSample lane, List<Candidate> found) {
        if (lane.lagRecords() >= 0) {
            lagUnknownSince.remove(lane.lane());
            return;
        }
        Instant since = lagUnknownSince.computeIfAbsent(lane.lane(), l -> now);
        Duration unknown = Duration.between(since, now);
        Duration after = rules.lagUnknownAfter();
        if (!after.isZero() && unknown.compareTo(after) >= 0) {
            found.add(new Candidate(Alert.Rule.LAG_UNKNOWN, lane.lane(), unknown.toSeconds(), after.toSeconds(),
                    Duration.ZERO, String.format(Locale.ROOT, "lane %s has not known its lag for %d s (threshold %s):"
                    + " no partitions assigned and positioned yet (a consumer group rebalance not finished, e.g. "
                    + "waiting for a crashed member's session to time out, or the stored offsets unreadable)",
                    lane.lane(), unknown.toSeconds(), AlertEvaluator.human(after))));
        }
    }
}
