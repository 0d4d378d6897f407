package dev.bisync.core.internal.health;

import dev.bisync.api.Health;
import dev.bisync.api.Alert;
import dev.bisync.api.config.AlertRules;
import dev.bisync.core.report.ConnectorStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates the {@link AlertRules} over successive samples: an alert is raised when its condition has held for the
 * rule's duration (lag) or at once (rates over their window, failures, the lanes' symptoms: {@link LaneSymptoms}),
 * and cleared when the condition no longer holds. One open alert per rule and subject. Used by the watch thread only.
 */
public final class AlertEvaluator {

    private final AlertRules rules;
    /** When each condition (rule:subject) began to hold, with its latest value. */
    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<String, Alert> open = new LinkedHashMap<>();
    private volatile List<Alert> openSnapshot = List.of();
    /** Per lane: its samples, for rates over windows. */
    private final Map<String, Deque<Sampled>> history = new HashMap<>();
    private final LaneSymptoms symptoms;

    private record Pending(Instant since) {
    }

    private record Sampled(Instant at, LaneSample lane) {
    }

    /** What changed with one evaluation. */
    public record Changes(List<Alert> raised, List<Alert> cleared) {
    }

    public AlertEvaluator(AlertRules rules) {
        this.rules = rules;
        this.symptoms = new LaneSymptoms(rules);
    }

    /** The alerts open now. */
    public List<Alert> open() {
        return List.copyOf(open.values());
    }

    /** Evaluates one sample of every lane and connector. */
    public Changes evaluate(Instant now, List<LaneSample> lanes, List<ConnectorStatus> connectors) {
        return evaluate(now, lanes, connectors, 0);
    }

    /**
     * Evaluates one sample of every lane and connector, and the rows the last scheduled verify found drifted (0:
     * none, or no verify yet).
     */
    public Changes evaluate(Instant now, List<LaneSample> lanes, List<ConnectorStatus> connectors,
            long verifyDrifted) {
        Map<String, Candidate> holding = new LinkedHashMap<>();
        if (verifyDrifted > 0) {
            holding.put(key(Alert.Rule.VERIFY_DRIFT, "sync"), new Candidate(Alert.Rule.VERIFY_DRIFT, "sync",
                    verifyDrifted, 0, Duration.ZERO, String.format(Locale.ROOT, "the last scheduled verify found %d "
                    + "row(s) that differ between the sides; see them with bisync verify, fix them with bisync "
                    + "repair", verifyDrifted)));
        }
        for (LaneSample lane : lanes) {
            if (rules.lagRecords() > 0 && lane.lagRecords() > rules.lagRecords()) {
                holding.put(key(Alert.Rule.LAG_RECORDS, lane.lane()), new Candidate(Alert.Rule.LAG_RECORDS,
                        lane.lane(), lane.lagRecords(), rules.lagRecords(), rules.lagFor(), String.format(Locale.ROOT,
                        "lane %s is %d records behind (threshold %d, for %s)", lane.lane(), lane.lagRecords(),
                        rules.lagRecords(), human(rules.lagFor()))));
            }
            if (rules.lagSeconds() > 0 && lane.lagSeconds() > rules.lagSeconds()) {
                holding.put(key(Alert.Rule.LAG_SECONDS, lane.lane()), new Candidate(Alert.Rule.LAG_SECONDS,
                        lane.lane(), lane.lagSeconds(), rules.lagSeconds(), rules.lagFor(), String.format(Locale.ROOT,
                        "lane %s is %.1f s behind its source (threshold %d s, for %s)", lane.lane(),
                        lane.lagSeconds(), rules.lagSeconds(), human(rules.lagFor()))));
            }
            Deque<Sampled> h = history.computeIfAbsent(lane.lane(), l -> new ArrayDeque<>());
            h.addLast(new Sampled(now, lane));
            Duration keep = longest(Duration.ofMinutes(1), rules.dlqWindow(), rules.symptomWindow());
            while (h.size() > 1 && h.peekFirst().at().isBefore(now.minus(keep))) {
                h.removeFirst();
            }
            for (Candidate c : symptoms.of(now, lane, oldestWithin(h, now, rules.symptomWindow()))) {
                holding.put(c.key(), c);
            }
            if (rules.errorsPerMinute() > 0) {
                long errors = lane.errors() - oldestWithin(h, now, Duration.ofMinutes(1)).errors();
                if (errors > rules.errorsPerMinute()) {
                    holding.put(key(Alert.Rule.ERROR_RATE, lane.lane()), new Candidate(Alert.Rule.ERROR_RATE,
                            lane.lane(), errors, rules.errorsPerMinute(), Duration.ZERO, String.format(Locale.ROOT,
                            "lane %s failed or dead-lettered %d events in the last minute (threshold %.0f)",
                            lane.lane(), errors, rules.errorsPerMinute())));
                }
            }
            if (rules.dlqGrowth() > 0) {
                long grown = lane.deadLetters() - oldestWithin(h, now, rules.dlqWindow()).deadLetters();
                if (grown > rules.dlqGrowth()) {
                    holding.put(key(Alert.Rule.DLQ_GROWTH, lane.lane()), new Candidate(Alert.Rule.DLQ_GROWTH,
                            lane.lane(), grown, rules.dlqGrowth(), Duration.ZERO, String.format(Locale.ROOT,
                            "lane %s sent %d events to its dead-letter topic within %s (threshold %d)", lane.lane(),
                            grown, human(rules.dlqWindow()), rules.dlqGrowth())));
                }
            }
            if (lane.status() == Health.DOWN) {
                holding.put(key(Alert.Rule.LANE_DOWN, lane.lane()), new Candidate(Alert.Rule.LANE_DOWN, lane.lane(),
                        1, 0, Duration.ZERO, "lane " + lane.lane() + " is DOWN: " + lane.reason()));
            }
        }
        if (rules.connectorFailure()) {
            for (ConnectorStatus c : connectors) {
                if (c.failed() || "MISSING".equals(c.connectorState())) {
                    holding.put(key(Alert.Rule.CONNECTOR_FAILED, c.name()), new Candidate(Alert.Rule.CONNECTOR_FAILED,
                            c.name(), 1, 0, Duration.ZERO, "connector " + c.name() + " is " + c.connectorState()
                            + " with tasks " + c.taskStates() + (c.trace().isEmpty() ? ""
                            : ": " + firstLine(c.trace()))));
                }
            }
        }
        List<Alert> raised = new ArrayList<>();
        List<Alert> cleared = new ArrayList<>();
        for (Map.Entry<String, Candidate> e : holding.entrySet()) {
            Candidate c = e.getValue();
            Instant since = pending.computeIfAbsent(e.getKey(), k -> new Pending(now)).since();
            if (!open.containsKey(e.getKey()) && !now.isBefore(since.plus(c.lastingFor()))) {
                Alert alert = new Alert(c.rule(), c.subject(), c.message(), c.value(), c.threshold(), since);
                open.put(e.getKey(), alert);
                raised.add(alert);
            }
        }
        pending.keySet().retainAll(holding.keySet());
        for (String key : List.copyOf(open.keySet())) {
            if (!holding.containsKey(key)) {
                cleared.add(open.remove(key));
            }
        }
        if (!raised.isEmpty() || !cleared.isEmpty()) {
            openSnapshot = List.copyOf(open.values());
        }
        return new Changes(raised, cleared);
    }

    /** The alerts open after the last evaluation; safe to read from any thread. */
    public List<Alert> openSnapshot() {
        return openSnapshot;
    }

    private static LaneSample oldestWithin(Deque<Sampled> h, Instant now, Duration window) {
        Instant from = now.minus(window);
        for (Sampled s : h) {
            if (!s.at().isBefore(from)) {
                return s.lane();
            }
        }
        return h.peekLast().lane();
    }

    private static Duration longest(Duration... durations) {
        Duration max = Duration.ZERO;
        for (Duration d : durations) {
            max = d.compareTo(max) > 0 ? d : max;
        }
        return max;
    }

    private static String key(Alert.Rule rule, String subject) {
        return rule + ":" + subject;
    }

    static String human(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toSeconds() >= 60 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static String firstLine(String trace) {
        int nl = trace.indexOf('\n');
        return nl < 0 ? trace : trace.substring(0, nl);
    }
}
