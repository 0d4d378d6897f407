package dev.bisync.core.internal.health;

import dev.bisync.api.Alert;
import dev.bisync.api.AlertRules;
import dev.bisync.core.ConnectorStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertEvaluatorTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private final AlertEvaluator evaluator = new AlertEvaluator(AlertRules.builder()
            .lag(100, 0, Duration.ofSeconds(30)).errorsPerMinute(5).dlqGrowth(3, Duration.ofMinutes(10)).build());

    private static LaneSample lane(long lag, long errors, long deadLetters) {
        return new LaneSample("a-to-b", "UP", "", lag, 0, errors, deadLetters);
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
        List<Alert> raised = evaluator.evaluate(T0, List.of(new LaneSample("a-to-b", "DOWN", "auth failed", 0, 0, 0,
                0)), List.of(failed)).raised();
        assertEquals(List.of(Alert.Rule.LANE_DOWN, Alert.Rule.CONNECTOR_FAILED),
                raised.stream().map(Alert::rule).toList());
        assertTrue(raised.get(1).message().endsWith(": boom"), raised.get(1).message());
        AlertEvaluator.Changes ok = evaluator.evaluate(T0.plusSeconds(1), List.of(lane(0, 0, 0)),
                List.of(new ConnectorStatus("shop-pg", "RUNNING", List.of("RUNNING"), "")));
        assertEquals(2, ok.cleared().size());
    }
}
