package dev.bisync.spi;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.Operation;
import dev.bisync.api.RowImage;
import dev.bisync.api.SourceMetadata;
import dev.bisync.api.SourcePosition;
import dev.bisync.api.TableId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConflictStrategyTest {

    private static final ConflictDecision.Outcome APPLY = ConflictDecision.Outcome.APPLY;
    private static final ConflictDecision.Outcome KEEP = ConflictDecision.Outcome.KEEP_TARGET;
    private static final ConflictDecision.Outcome ABSTAIN = ConflictDecision.Outcome.ABSTAIN;

    /** An update conflict, with the column sets computed as a lane does (plain equality is enough here). */
    static Conflict conflict(Map<String, ?> before, Map<String, ?> incoming, Map<String, ?> target,
            boolean sourceHasPriority) {
        RowImage in = incoming == null ? null : RowImage.of(incoming);
        RowImage bf = before == null ? null : RowImage.of(before);
        RowImage tg = target == null ? null : RowImage.of(target);
        ChangeEvent event = new ChangeEvent(in == null ? Operation.DELETE : Operation.UPDATE,
                TableId.of("public", "orders"), RowImage.of(Map.of("id", 1)), bf, in, new SourcePosition(1, 1, "1"),
                Instant.EPOCH, null, new SourceMetadata("postgresql", null, 0, null));
        return new Conflict(event, in, bf, tg, "a", "b", sourceHasPriority, changed(bf, in), changed(bf, tg),
                changed(tg, in));
    }

    private static Set<String> changed(RowImage from, RowImage to) {
        Set<String> columns = new HashSet<>();
        if (from != null && to != null) {
            to.values().forEach((c, v) -> {
                if (!Objects.equals(from.get(c), v)) {
                    columns.add(c);
                }
            });
        }
        return columns;
    }

    private static Conflict stamps(Object incomingTs, Object targetTs, boolean sourceHasPriority) {
        return conflict(Map.of("id", 1, "updated_at", "x"), Map.of("id", 1, "updated_at", incomingTs),
                Map.of("id", 1, "updated_at", targetTs), sourceHasPriority);
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            row.put((String) kv[i], kv[i + 1]);
        }
        return row;
    }

    @Test
    void newerRowWinsWhateverItsJavaType() {
        ConflictStrategy lww = ConflictStrategy.lastWriteWins("updated_at");
        LocalDateTime t = LocalDateTime.of(2026, 1, 1, 12, 0);
        assertEquals(APPLY, lww.resolve(stamps(t.plusNanos(1000), t, false)).outcome());
        assertEquals(KEEP, lww.resolve(stamps(t, t.toInstant(ZoneOffset.UTC).plusMillis(1), true)).outcome());
    }

    @Test
    void tieIsBrokenBySidePrioritySoBothLanesAgree() {
        ConflictStrategy lww = ConflictStrategy.lastWriteWins("updated_at");
        LocalDateTime t = LocalDateTime.of(2026, 1, 1, 12, 0);
        // lane a->b: source a has priority -> apply; lane b->a: source b has no priority -> keep a's row
        assertEquals(APPLY, lww.resolve(stamps(t, t, true)).outcome());
        assertEquals(KEEP, lww.resolve(stamps(t, t, false)).outcome());
    }

    @Test
    void orElseDecidesWhereTheFirstAbstains() {
        ConflictStrategy strategy = ConflictStrategy.lastWriteWins("version").orElse(ConflictStrategy.sidePriority());
        assertEquals(KEEP, strategy.resolve(stamps(1, 2, false)).outcome());
        assertEquals(APPLY, strategy.resolve(stamps(1, 2, true)).outcome());
        assertEquals("lastWriteWins(version), else sidePriority", strategy.toString());
    }

    @Test
    void updateAgainstDeleteIsDecidedBySidePriorityOnBothLanes() {
        ConflictStrategy strategy = ConflictStrategy.defaultStrategy();
        Map<String, Object> original = row("id", 1, "updated_at", 1);
        Map<String, Object> updated = row("id", 1, "updated_at", 2);
        // a updated the row, b deleted it; a has priority
        Conflict updateOntoDeleted = conflict(original, updated, null, true);   // lane a->b
        Conflict deleteOntoUpdated = conflict(original, null, updated, false);  // lane b->a
        assertEquals(APPLY, strategy.resolve(updateOntoDeleted).outcome());     // b gets the row back
        assertEquals(KEEP, strategy.resolve(deleteOntoUpdated).outcome());      // a keeps it
        // b has priority: both lanes end with the row deleted
        assertEquals(KEEP, strategy.resolve(conflict(original, updated, null, false)).outcome());
        assertEquals(APPLY, strategy.resolve(conflict(original, null, updated, true)).outcome());
    }

    @Test
    void rankedStatusOnlyMovesForwardWhateverTheTimestamps() {
        ConflictStrategy orders = ConflictStrategy.ranked("status", List.of("pending", "paid", "shipped", "delivered"))
                .orElse(ConflictStrategy.lastWriteWins("updated_at"));
        Map<String, Object> before = row("id", 1, "status", "pending", "updated_at", 1);
        Conflict paidNewerVsShippedOlder = conflict(before, row("id", 1, "status", "paid", "updated_at", 9),
                row("id", 1, "status", "shipped", "updated_at", 2), true);
        assertEquals(KEEP, orders.resolve(paidNewerVsShippedOlder).outcome());
        Conflict shippedVsPaid = conflict(before, row("id", 1, "status", "shipped", "updated_at", 2),
                row("id", 1, "status", "paid", "updated_at", 9), false);
        assertEquals(APPLY, orders.resolve(shippedVsPaid).outcome());
        Conflict sameStatus = conflict(before, row("id", 1, "status", "paid", "updated_at", 3),
                row("id", 1, "status", "paid", "updated_at", 2), false);
        assertEquals(APPLY, orders.resolve(sameStatus).outcome()); // the rank abstains, the newer row wins
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> orders.resolve(
                conflict(before, row("id", 1, "status", "lost", "updated_at", 3), row("id", 1, "status", "paid",
                        "updated_at", 2), false)));
        assertTrue(unknown.getMessage().contains("'lost'"), unknown.getMessage());
    }

    @Test
    void columnMergeKeepsChangesToDifferentColumnsAndTheSameRowOnBothLanes() {
        ConflictStrategy merge = ConflictStrategy.columnMerge("updated_at");
        Map<String, Object> before = row("id", 1, "name", "n0", "email", "e0", "updated_at", 1);
        Map<String, Object> onA = row("id", 1, "name", "n1", "email", "e0", "updated_at", 5);
        Map<String, Object> onB = row("id", 1, "name", "n0", "email", "e1", "updated_at", 4);
        ConflictDecision aToB = merge.resolve(conflict(before, onA, onB, true));
        ConflictDecision bToA = merge.resolve(conflict(before, onB, onA, false));
        Map<String, Object> expected = row("id", 1, "name", "n1", "email", "e1", "updated_at", 5);
        assertEquals(ConflictDecision.Outcome.MERGE, aToB.outcome());
        assertEquals(expected, aToB.merged().values());
        assertEquals(expected, bToA.merged().values());
        ConflictDecision sameColumn = merge.resolve(conflict(before, onA,
                row("id", 1, "name", "n2", "email", "e0", "updated_at", 4), true));
        assertEquals(ABSTAIN, sameColumn.outcome());
    }

    @Test
    void manualParks() {
        assertEquals(ConflictDecision.Outcome.PARK, ConflictStrategy.manual()
                .resolve(stamps(1, 2, true)).outcome());
    }
}
