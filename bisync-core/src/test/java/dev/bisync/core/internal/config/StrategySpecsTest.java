package dev.bisync.core.internal.config;

import dev.bisync.spi.Conflict;
import dev.bisync.spi.ConflictDecision;
import dev.bisync.spi.ConflictDetection;
import dev.bisync.spi.ConflictStrategy;
import dev.bisync.spi.ConflictStrategyProvider;
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

    @Test
    void aMemberWithADotIsAClassNameOfAStrategyOrOfAProviderThatTakesTheArgument() {
        assertEquals("by class, else sidePriority",
                StrategySpecs.strategy(ByClass.class.getName() + " | side-priority").toString());
        assertEquals(Provider.class.getName() + ":updated_at",
                StrategySpecs.strategy(Provider.class.getName() + ":updated_at").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StrategySpecs.strategy("java.lang.String"));
        assertTrue(e.getMessage().contains("class 'java.lang.String' is neither a dev.bisync.spi.ConflictStrategy "
                + "nor a dev.bisync.spi.ConflictStrategyProvider"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StrategySpecs.strategy(ByClass.class.getName() + ":x"));
        assertTrue(e.getMessage().contains("takes no argument"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StrategySpecs.strategy("com.example.Gone"));
        assertTrue(e.getMessage().contains("class 'com.example.Gone' is not on the class path"), e.getMessage());
    }

    @Test
    void aDetectionIsWrittenAsItIsRead() {
        for (String spec : new String[] {"primary-key", "changed-columns", "old-values", "timestamp:t", "version:v"}) {
            assertEquals(spec, StrategySpecs.detectionSpec(StrategySpecs.detection(spec)));
        }
    }

    /** A strategy named by its class. */
    public static final class ByClass implements ConflictStrategy {
        @Override
        public ConflictDecision resolve(Conflict conflict) {
            return ConflictDecision.abstain("never decides");
        }

        @Override
        public String toString() {
            return "by class";
        }
    }

    /** A provider named by its class. */
    public static final class Provider implements ConflictStrategyProvider {
        @Override
        public String name() {
            return "by-provider";
        }

        @Override
        public ConflictStrategy create(String argument) {
            return ConflictStrategy.lastWriteWins(argument);
        }
    }
}
