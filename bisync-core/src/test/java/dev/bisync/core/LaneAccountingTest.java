package dev.bisync.core;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaneAccountingTest {

    private static Map<String, Long> outcomes(long applied, long deadLettered) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("applied", applied);
        m.put("skipped-equal", 1L);
        m.put("dead-lettered", deadLettered);
        return m;
    }

    @Test
    void balancedOnlyWhenConsumedIsTheSumOfTheOutcomes() {
        LaneAccounting even = new LaneAccounting("a-to-b", 10, outcomes(7, 2));
        assertTrue(even.balanced());
        assertEquals("a-to-b: consumed 10 = applied 7 + skipped-equal 1 + dead-lettered 2", even.toString());
        LaneAccounting lost = new LaneAccounting("a-to-b", 11, outcomes(7, 2));
        assertFalse(lost.balanced(), "a record counted in no outcome");
        assertTrue(lost.toString().endsWith("(UNBALANCED)"), lost.toString());
    }

    @Test
    void sinceSubtractsAnEarlierSnapshot() {
        LaneAccounting later = new LaneAccounting("a-to-b", 10, outcomes(7, 2));
        LaneAccounting delta = later.since(new LaneAccounting("a-to-b", 4, outcomes(3, 0)));
        assertEquals(6, delta.consumed());
        assertEquals(Map.of("applied", 4L, "skipped-equal", 0L, "dead-lettered", 2L), delta.outcomes());
        assertTrue(delta.balanced());
    }

    @Test
    void replayReportCountsEverySelectedDeadLetterOnce() {
        LaneAccounting replayed = new LaneAccounting("a-to-b", 3, outcomes(1, 1));
        ReplayReport.Failure failure = new ReplayReport.Failure(5, "t-0@9", "RejectedValueException", "too long");
        assertTrue(new ReplayReport("a-to-b", "dlq", 5, 2, replayed, List.of(failure)).balanced());
        assertFalse(new ReplayReport("a-to-b", "dlq", 6, 2, replayed, List.of(failure)).balanced(),
                "a selected dead letter neither replayed before nor gone through the stages");
        assertFalse(new ReplayReport("a-to-b", "dlq", 5, 2, replayed, List.of()).balanced(),
                "a dead-lettered outcome without its failure");
    }

    @Test
    void replaySelectionRefusesAnEmptyRangeOrBlankTable() {
        assertThrows(IllegalArgumentException.class, () -> ReplaySelection.offsets(5, 4));
        assertThrows(IllegalArgumentException.class, () -> ReplaySelection.offsets(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> ReplaySelection.table(" "));
        assertEquals(new ReplaySelection("orders", 0, Long.MAX_VALUE), ReplaySelection.table("orders"));
    }
}
