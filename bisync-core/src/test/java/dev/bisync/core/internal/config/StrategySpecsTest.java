package dev.bisync.core.internal.config;

import dev.bisync.spi.ConflictDetection;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategySpecsTest {

    @Test
    void membersChainInOrder() {
        assertEquals("ranked(status: pending < paid < shipped), else lastWriteWins(changed_at), else sidePriority",
                StrategySpecs.strategy("ranked:status:pending<paid<shipped | last-write-wins:changed_at "
                        + "| side-priority").toString());
        assertEquals("lastWriteWins(updated_at)", StrategySpecs.strategy("last-write-wins").toString());
        assertEquals("columnMerge(greatest updated_at)", StrategySpecs.strategy("column-merge:updated_at").toString());
        assertEquals("manual", StrategySpecs.strategy("manual").toString());
    }

    @Test
    void unknownNamesSayWhatExists() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StrategySpecs.strategy("latest-wins"));
        assertTrue(e.getMessage().contains("unknown conflict strategy 'latest-wins'")
                && e.getMessage().contains("last-write-wins"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StrategySpecs.strategy("ranked:status"));
        assertTrue(e.getMessage().contains("ranked:status:pending<paid"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StrategySpecs.detection("by-magic"));
        assertTrue(e.getMessage().contains("timestamp:<column>"), e.getMessage());
    }

    @Test
    void detections() {
        assertEquals(ConflictDetection.byVersion("v"), StrategySpecs.detection("version:v"));
        assertEquals(ConflictDetection.byChangedColumns(), StrategySpecs.detection(" changed-columns "));
        assertThrows(IllegalArgumentException.class, () -> StrategySpecs.detection("timestamp"));
    }
}
