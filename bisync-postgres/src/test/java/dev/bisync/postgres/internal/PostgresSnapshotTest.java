package dev.bisync.postgres.internal;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.Operation;
import dev.bisync.api.RowImage;
import dev.bisync.api.SourceMetadata;
import dev.bisync.api.SourcePosition;
import dev.bisync.api.TableId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresSnapshotTest {

    @Test
    void aTransactionIsHeldExactlyWhenItIsVisibleInTheSnapshot() {
        Predicate<ChangeEvent> holds = PostgresSnapshot.COPY.snapshotHolds("100:105:102,104@0/5000");
        assertTrue(holds.test(event(99)), "committed before xmin");
        assertTrue(holds.test(event(100)), "xmin itself had committed by the time the snapshot was taken");
        assertFalse(holds.test(event(102)), "in progress when the snapshot was taken");
        assertTrue(holds.test(event(103)));
        assertFalse(holds.test(event(104)));
        assertFalse(holds.test(event(105)), "xmax and later started after the snapshot");
        assertFalse(holds.test(event(7_000)));
    }

    @Test
    void thirtyTwoBitTransactionIdsAreWidenedWithTheSnapshotsEpoch() {
        long epoch1 = 1L << 32;
        Predicate<ChangeEvent> holds = PostgresSnapshot.COPY.snapshotHolds((epoch1 + 10) + ":" + (epoch1 + 20) + ":" + (epoch1 + 15)
                + "@1/0");
        assertTrue(holds.test(event(12)));
        assertFalse(holds.test(event(15)));
        assertFalse(holds.test(event(25)));
        assertTrue(holds.test(event(4_294_967_290L)), "just before the wrap-around: the previous epoch, long done");
        assertEquals(4_294_967_290L, PostgresSnapshot.widen(4_294_967_290L, epoch1 + 20));
    }

    @Test
    void aChangeWithoutTransactionIdCannotBeJudgedAndSaysSo() {
        Predicate<ChangeEvent> holds = PostgresSnapshot.COPY.snapshotHolds("100:105:@0/5000");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> holds.test(event(-1)));
        assertTrue(e.getMessage().contains("txId"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PostgresSnapshot.COPY.snapshotHolds("mariadb-bin.000001:4"));
        assertThrows(IllegalArgumentException.class, () -> PostgresSnapshot.COPY.snapshotHolds("100:105:"), "no LSN");
    }

    @Test
    void aChangeWhosePreviousCommitEndsBeyondTheSnapshotsLsnIsNeverHeldWhateverItsXid() {
        Predicate<ChangeEvent> holds = PostgresSnapshot.COPY.snapshotHolds("100:105:102@0/5000");
        assertTrue(holds.test(event(99, 0x5000)), "committed before: previous commit at the snapshot's LSN");
        assertFalse(holds.test(event(99, 0x5001)), "an xid that wrapped around, streamed after the snapshot");
        assertEquals(0x1_0000_5000L, PostgresSnapshot.lsn("1/5000"));
    }

    private static ChangeEvent event(long xid) {
        return event(xid, 1);
    }

    private static ChangeEvent event(long xid, long transactionOrder) {
        RowImage key = RowImage.of(Map.of("id", 1));
        return new ChangeEvent(Operation.CREATE, TableId.of("public", "t"), key, null, key,
                new SourcePosition(transactionOrder, 1, "lsn"), Instant.now(), xid < 0 ? null : Long.toString(xid),
                new SourceMetadata("postgresql", null, 0, null));
    }
}
