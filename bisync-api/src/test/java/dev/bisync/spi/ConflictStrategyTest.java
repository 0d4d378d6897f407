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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConflictStrategyTest {

    private static Conflict conflict(Object incomingTs, Object targetTs, boolean sourceHasPriority) {
        RowImage incoming = RowImage.of(Map.of("id", 1, "updated_at", incomingTs));
        RowImage target = RowImage.of(Map.of("id", 1, "updated_at", targetTs));
        ChangeEvent event = new ChangeEvent(Operation.UPDATE, TableId.of("public", "orders"),
                RowImage.of(Map.of("id", 1)), null, incoming, new SourcePosition(1, 1, "1"), Instant.EPOCH, null,
                new SourceMetadata("postgresql", null, 0, null));
        return new Conflict(event, incoming, target, "a", "b", sourceHasPriority);
    }

    @Test
    void newerRowWinsWhateverItsJavaType() {
        ConflictStrategy lww = ConflictStrategy.lastWriteWins("updated_at");
        LocalDateTime t = LocalDateTime.of(2026, 1, 1, 12, 0);
        assertEquals(ConflictDecision.Outcome.APPLY,
                lww.resolve(conflict(t.plusNanos(1000), t, false)).outcome());
        assertEquals(ConflictDecision.Outcome.KEEP_TARGET,
                lww.resolve(conflict(t, t.toInstant(java.time.ZoneOffset.UTC).plusMillis(1), true)).outcome());
    }

    @Test
    void tieIsBrokenBySidePrioritySoBothLanesAgree() {
        ConflictStrategy lww = ConflictStrategy.lastWriteWins("updated_at");
        LocalDateTime t = LocalDateTime.of(2026, 1, 1, 12, 0);
        // lane a->b: source a has priority -> apply; lane b->a: source b has no priority -> keep a's row
        assertEquals(ConflictDecision.Outcome.APPLY, lww.resolve(conflict(t, t, true)).outcome());
        assertEquals(ConflictDecision.Outcome.KEEP_TARGET, lww.resolve(conflict(t, t, false)).outcome());
    }

    @Test
    void orElseDecidesWhereTheFirstAbstains() {
        ConflictStrategy strategy = ConflictStrategy.lastWriteWins("version").orElse(ConflictStrategy.sidePriority());
        assertEquals(ConflictDecision.Outcome.KEEP_TARGET, strategy.resolve(conflict(1, 2, false)).outcome());
        assertEquals(ConflictDecision.Outcome.APPLY, strategy.resolve(conflict(1, 2, true)).outcome());
    }
}
