package dev.bisync.core.internal.resolve;

import dev.bisync.api.Operation;
import dev.bisync.api.RowImage;
import dev.bisync.spi.ConflictDetection;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConflictJudgeTest {

    private static final RowImage BEFORE = RowImage.of(Map.of("id", 1, "name", "n0", "qty", 1, "version", 1));
    /** The change sets name; the target changed qty meanwhile (and bumped the version). */
    private static final RowImage INCOMING = RowImage.of(Map.of("id", 1, "name", "n1", "qty", 1, "version", 2));
    private static final RowImage TARGET = RowImage.of(Map.of("id", 1, "name", "n0", "qty", 5, "version", 2));

    private static boolean update(ConflictDetection d, RowImage current) {
        return ConflictJudge.conflicts(d, Operation.UPDATE, BEFORE, INCOMING, current);
    }

    @Test
    void eachDetectionMethodJudgesAConcurrentChangeToAnotherColumn() {
        assertFalse(update(ConflictDetection.byPrimaryKey(), TARGET));
        assertFalse(update(ConflictDetection.byChangedColumns(), TARGET));
        assertTrue(update(ConflictDetection.byOldValues(), TARGET));
        assertTrue(update(ConflictDetection.byVersion("version"), TARGET));
        assertFalse(update(ConflictDetection.byTimestamp("name"), TARGET));
    }

    @Test
    void changedColumnsSeesAConcurrentChangeToTheSameColumn() {
        RowImage renamed = RowImage.of(Map.of("id", 1, "name", "other", "qty", 1, "version", 1));
        assertTrue(update(ConflictDetection.byChangedColumns(), renamed));
    }

    @Test
    void everyMethodSeesAMissingRowAndAnExistingKeyOnInsert() {
        for (ConflictDetection d : new ConflictDetection[] {ConflictDetection.byPrimaryKey(),
                ConflictDetection.byChangedColumns(), ConflictDetection.byOldValues()}) {
            assertTrue(update(d, null), d.toString());
            assertTrue(ConflictJudge.conflicts(d, Operation.CREATE, null, INCOMING, TARGET), d.toString());
            assertFalse(ConflictJudge.conflicts(d, Operation.CREATE, null, INCOMING, null), d.toString());
        }
    }

    @Test
    void valuesCompareByMeaningNotJavaType() {
        RowImage sameAsBefore = RowImage.of(Map.of("id", 1L, "name", "n0", "qty", new BigDecimal("1.0"),
                "version", 1L));
        assertFalse(update(ConflictDetection.byOldValues(), sameAsBefore));
    }

    @Test
    void aDetectionColumnTheChangeLacksIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> update(ConflictDetection.byTimestamp("updated_at"), TARGET));
        assertTrue(e.getMessage().contains("updated_at"), e.getMessage());
    }
}
