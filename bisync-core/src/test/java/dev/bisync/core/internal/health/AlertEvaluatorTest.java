package dev.bisync.core.internal.health;

import dev.bisync.api.Health;
import dev.bisync.api.Alert;
import dev.bisync.api.config.AlertRules;
import dev.bisync.core.report.ConnectorStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertEvaluatorTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    /** The older rules alone: the samples below hold records waiting with no progress, which is also a stall. */
    private final AlertEvaluator evaluator = new AlertEvaluator(AlertRules.builder()
            .lag(100, 0, Duration.ofSeconds(30)).errorsPerMinute(5).dlqGrowth(3, Duration.ofMinutes(10))
            .stalledAfter(Duration.ZERO).lagUnknownAfter(Duration.ZERO).build());
    /** The symptoms alone, with short windows. */
    private final AlertEvaluator symptoms = new AlertEvaluator(AlertRules.builder().lag(0, 0, Duration.ZERO)
            .errorsPerMinute(0).dlqGrowth(0, Duration.ofMinutes(1)).symptoms(5, 4, 3, Duration.ofSeconds(10))
            .stalledAfter(Duration.ofSeconds(20)).lagUnknownAfter(Duration.ofSeconds(15)).build());

    private static LaneSample lane(long lag, long errors, long deadLetters) {
        return new LaneSample("a-to-b", Health.UP, "", lag, 0, errors, deadLetters);
    }

    @Test
    void lagAlertsOnlyAfterItLastedAndClearsWhenItEnds() {
        assertEquals(List.of(), evaluator.evaluate(T0, List.of(lane(500, 0, 0)), List.of()).raised());
        assertEquals(List.of(), evaluator.evaluate(T0.plusSeconds(29), List.of(lane(500, 0, 0)), List.of()).raised());
        List<Alert> raised = evaluator.evaluate(T0.plusSeconds(30), List.of(lane(400, 0, 0)), List.of()).raised();
        assertEquals(1, raised.size());
        assertEquals(Alert.Rule.LAG_RECORDS, raised.get(0).rule());
        assertEquals(T0, raised.get(0).since());
        assertTrue(raised.get(0).message().contains("400 records behind"), raised.get(0).message());
        assertEquals(List.of(), evaluator.evaluate(T0.plusSeconds(31), List.of(lane(400, 0, 0)), List.of()).raised());
        AlertEvaluator.Changes back = evaluator.evaluate(T0.plusSeconds(32), List.of(lane(10, 0, 0)), List.of());
        assertEquals(List.of(Alert.Rule.LAG_RECORDS), back.cleared().stream().map(Alert::rule).toList());
        assertEquals(List.of(), evaluator.open());
    }

    @Test
    void driftFoundByTheScheduledVerifyAlertsUntilAVerifyFindsNone() {
        List<Alert> raised = evaluator.evaluate(T0, List.of(lane(0, 0, 0)), List.of(), 3).raised();
        assertEquals(List.of(Alert.Rule.VERIFY_DRIFT), raised.stream().map(Alert::rule).toList());
        assertTrue(raised.get(0).message().contains("found 3 row(s) that differ"), raised.get(0).message());
        assertFalse(Alert.Rule.VERIFY_DRIFT.degradesLane());
        assertEquals(List.of(), evaluator.evaluate(T0.plusSeconds(1), List.of(lane(0, 0, 0)), List.of(), 3).raised());
        assertEquals(List.of(Alert.Rule.VERIFY_DRIFT), evaluator.evaluate(T0.plusSeconds(2), List.of(lane(0, 0, 0)),
                List.of(), 0).cleared().stream().map(Alert::rule).toList());
    }

    @Test
    void aShortLagSpikeRaisesNothing() {
        evaluator.evaluate(T0, List.of(lane(500, 0, 0)), List.of());
        evaluator.evaluate(T0.plusSeconds(10), List.of(lane(0, 0, 0)), List.of());
        assertEquals(List.of(), evaluator.evaluate(T0.plusSeconds(40), List.of(lane(500, 0, 0)), List.of()).raised());
    }

    @Test
    void errorRateAndDeadLetterGrowthCountWithinTheirWindows() {
        evaluator.evaluate(T0, List.of(lane(0, 10, 10)), List.of());
        List<Alert> raised = evaluator.evaluate(T0.plusSeconds(20), List.of(lane(0, 16, 14)), List.of()).raised();
        assertEquals(List.of(Alert.Rule.ERROR_RATE, Alert.Rule.DLQ_GROWTH), raised.stream().map(Alert::rule).toList());
        // two minutes later without new errors: the rate clears; the 10-minute DLQ window still holds the 4
        AlertEvaluator.Changes later = evaluator.evaluate(T0.plusSeconds(140), List.of(lane(0, 16, 14)), List.of());
        assertEquals(List.of(Alert.Rule.ERROR_RATE), later.cleared().stream().map(Alert::rule).toList());
        assertEquals(List.of(Alert.Rule.DLQ_GROWTH), evaluator.open().stream().map(Alert::rule).toList());
    }

    @Test
    void failedConnectorsAndDownLanesAlertAtOnce() {
        ConnectorStatus failed = new ConnectorStatus("shop-pg", "RUNNING", List.of("FAILED"), "boom\n at x");
        List<Alert> raised = evaluator.evaluate(T0, List.of(new LaneSample("a-to-b", Health.DOWN, "auth failed", 0, 0, 0,
                0)), List.of(failed)).raised();
        assertEquals(List.of(Alert.Rule.LANE_DOWN, Alert.Rule.CONNECTOR_FAILED),
                raised.stream().map(Alert::rule).toList());
        assertTrue(raised.get(1).message().endsWith(": boom"), raised.get(1).message());
        AlertEvaluator.Changes ok = evaluator.evaluate(T0.plusSeconds(1), List.of(lane(0, 0, 0)),
                List.of(new ConnectorStatus("shop-pg", "RUNNING", List.of("RUNNING"), "")));
        assertEquals(2, ok.cleared().size());
    }

    private static LaneSample running(long lag, long deadLetters, long retries, long parked, long committed) {
        return new LaneSample("a-to-b", Health.UP, "", lag, 0, deadLetters, deadLetters, retries, parked, committed);
    }

    private List<Alert.Rule> raisedAt(int second, LaneSample sample) {
        return symptoms.evaluate(T0.plusSeconds(second), List.of(sample), List.of()).raised().stream()
                .map(Alert::rule).toList();
    }

    private List<Alert.Rule> clearedAt(int second, LaneSample sample) {
        return symptoms.evaluate(T0.plusSeconds(second), List.of(sample), List.of()).cleared().stream()
                .map(Alert::rule).toList();
    }

    @Test
    void deadLettersRetriesAndParkedConflictsOverTheirThresholdsWithinTheWindowAreSymptoms() {
        raisedAt(0, running(0, 100, 100, 100, 1000)); // what came before the window does not count
        assertEquals(List.of(), raisedAt(5, running(0, 105, 104, 103, 1010)), "at the thresholds: not over them");
        assertEquals(List.of(Alert.Rule.DEAD_LETTERING, Alert.Rule.RETRYING, Alert.Rule.CONFLICTS_PARKED),
                raisedAt(6, running(0, 106, 105, 104, 1020)));
        Alert dead = symptoms.open().get(0);
        assertTrue(dead.message().contains("lane a-to-b dead-lettered 6 events within 10 s (threshold 5)"),
                dead.message());
        assertTrue(Alert.Rule.DEAD_LETTERING.degradesLane() && !Alert.Rule.ERROR_RATE.degradesLane());
        assertTrue(Alert.Rule.LAG_SECONDS.degradesLane() && Alert.Rule.LAG_RECORDS.degradesLane(),
                "a lane far behind its source is not healthy");
        assertEquals(List.of(), clearedAt(10, running(0, 106, 105, 104, 1030)), "still 6, 5, 4 within 10 s");
        assertEquals(List.of(Alert.Rule.DEAD_LETTERING, Alert.Rule.RETRYING, Alert.Rule.CONFLICTS_PARKED),
                clearedAt(11, running(0, 106, 105, 104, 1040)), "1, 1, 1 since the sample of second 5");
    }

    @Test
    void recordsWaitingWithNothingCommittedIsAStallUntilABatchCommits() {
        raisedAt(0, running(50, 0, 0, 0, 1000));
        assertEquals(List.of(), raisedAt(10, running(60, 0, 0, 0, 1100)), "it progresses");
        assertEquals(List.of(), raisedAt(29, running(80, 0, 0, 0, 1100)), "19 s without progress");
        assertEquals(List.of(Alert.Rule.STALLED), raisedAt(30, running(80, 0, 0, 0, 1100)));
        assertTrue(symptoms.open().get(0).message().contains("has applied nothing for 20 s while 80 records wait"),
                symptoms.open().get(0).message());
        assertEquals(List.of(Alert.Rule.STALLED), clearedAt(31, running(70, 0, 0, 0, 1110)));
        assertEquals(List.of(), raisedAt(60, running(0, 0, 0, 0, 1110)), "nothing waits: idle, not stalled");
    }

    @Test
    void lagUnknownPastTheGraceIsASymptomAndADownLaneHasNone() {
        raisedAt(0, running(-1, 0, 0, 0, 0));
        assertEquals(List.of(), raisedAt(14, running(-1, 0, 0, 0, 0)));
        assertEquals(List.of(Alert.Rule.LAG_UNKNOWN), raisedAt(15, running(-1, 0, 0, 0, 0)));
        assertEquals(List.of(Alert.Rule.LAG_UNKNOWN), clearedAt(16, running(0, 0, 0, 0, 0)));
        raisedAt(17, running(-1, 0, 0, 0, 0));
        LaneSample down = new LaneSample("a-to-b", Health.DOWN, "stopped", -1, 0, 0, 0, 0, 0, 0);
        assertEquals(List.of(Alert.Rule.LANE_DOWN), raisedAt(40, down));
    }

    @Test
    void anyChangeRefusedForASubstitutedValueWithinTheWindowDegradesTheLaneUntilTheWindowPasses() {
        raisedAt(0, substituted(3)); // refused before the window: not a symptom now
        assertEquals(List.of(), raisedAt(5, substituted(3)));
        assertEquals(List.of(Alert.Rule.VALUES_SUBSTITUTED), raisedAt(6, substituted(4)), "one is enough");
        Alert alert = symptoms.open().get(0);
        assertTrue(alert.message().startsWith("lane a-to-b refused 1 change within 10 s whose source value capture "
                + "could not send"), alert.message());
        assertTrue(Alert.Rule.VALUES_SUBSTITUTED.degradesLane());
        assertEquals(List.of(), clearedAt(15, substituted(4)), "still within 10 s of second 6");
        assertEquals(List.of(Alert.Rule.VALUES_SUBSTITUTED), clearedAt(17, substituted(4)));
    }

    private static LaneSample substituted(long refused) {
        return new LaneSample("a-to-b", Health.UP, "", 0, 0, refused, refused, 0, 0, 100, refused);
    }
}
