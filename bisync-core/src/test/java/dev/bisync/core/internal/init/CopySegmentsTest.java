package dev.bisync.core.internal.init;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.Operation;
import dev.bisync.api.RowImage;
import dev.bisync.api.SourceMetadata;
import dev.bisync.api.SourcePosition;
import dev.bisync.api.TableId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.bisync.core.internal.init.SegmentKeyTest.column;
import static dev.bisync.core.internal.init.SegmentKeyTest.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CopySegmentsTest {

    /** Keys up to (100, 5) from snapshot S1, up to (250, 1) from S2, after that from the open snapshot S3. */
    private static final CopySegments THREE = CopySegments.NONE.close(bound(100, 5), "S1").close(bound(250, 1), "S2");

    @Test
    void aKeyBelongsToTheFirstSegmentItDoesNotSortAfterAndTheOpenOneAfterTheLast() {
        assertEquals(0, THREE.indexOf(key(Map.of("a", 1L, "b", 1L))));
        assertEquals(0, THREE.indexOf(key(Map.of("a", 100L, "b", 5L))), "a segment's last key is in it");
        assertEquals(1, THREE.indexOf(key(Map.of("a", 100L, "b", 6L))));
        assertEquals(1, THREE.indexOf(key(Map.of("a", 101, "b", -9))));
        assertEquals(1, THREE.indexOf(key(Map.of("a", 250L, "b", 1L))));
        assertEquals(2, THREE.indexOf(key(Map.of("a", 250L, "b", 2L))));
        assertEquals(2, THREE.indexOf(key(Map.of("a", Long.MAX_VALUE, "b", 0L))));
        assertEquals(0, CopySegments.NONE.indexOf(key(Map.of("a", 1L, "b", 1L))), "one segment: the open one");
    }

    @Test
    void aChangeIsTestedAgainstTheSnapshotOfItsKeysSegment() {
        // each snapshot "holds" the changes whose transaction id names it
        Predicate<ChangeEvent> holds = THREE.holds(mark -> e -> e.transactionId().equals(mark), "S3");

        assertTrue(holds.test(change(7, "S1")));
        assertFalse(holds.test(change(7, "S2")), "key 7 was copied in S1: a change S2 holds is after S1");
        assertTrue(holds.test(change(200, "S2")));
        assertFalse(holds.test(change(200, "S3")));
        assertTrue(holds.test(change(999, "S3")));
        assertFalse(holds.test(change(999, "S1")));
    }

    @Test
    void aTableCopiedInOneGoUsesItsSnapshotsTestAsItIs() {
        Predicate<ChangeEvent> open = e -> true;
        assertSame(open, CopySegments.NONE.holds(mark -> open, "S1"));
    }

    @Test
    void anEmptySegmentIsNotAdded() {
        assertSame(THREE, THREE.close(bound(250, 1), "S3"), "the run of S3 committed no chunk");
        assertEquals(3, THREE.close(bound(250, 2), "S3").closed().size());
    }

    @Test
    void theSegmentsReadBackFromTheirJson() {
        String json = THREE.toJson();

        CopySegments read = CopySegments.parse(json);

        assertEquals(json, read.toJson());
        assertEquals("S2", read.closed().get(1).mark());
        assertEquals(List.of(250L, 1L), read.closed().get(1).upTo().values());
        assertSame(CopySegments.NONE, CopySegments.parse(null));
        assertSame(CopySegments.NONE, CopySegments.parse(""));
    }

    private static SegmentKey bound(long a, long b) {
        return SegmentKey.of(List.of(column("a", "bigint"), column("b", "bigint")), new Object[] {a, b});
    }

    private static ChangeEvent change(long a, String transaction) {
        RowImage key = key(Map.of("a", a, "b", 0L));
        return new ChangeEvent(Operation.UPDATE, new TableId("shop", "t"), key, key, key,
                new SourcePosition(1, 1, "p"), Instant.EPOCH, transaction, new SourceMetadata("c", null, 1, null));
    }
}
