package dev.bisync.mysql.internal;

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

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinlogSnapshotTest {

    private final Predicate<ChangeEvent> holds = BinlogSnapshot.COPY.snapshotHolds("mariadb-bin.000002:1000");

    @Test
    void transactionsStartingBeforeTheSnapshotPositionAreHeldAndTheOthersAreNot() {
        assertTrue(holds.test(event(1, 900_000)), "an earlier binlog file");
        assertTrue(holds.test(event(2, 999)));
        assertFalse(holds.test(event(2, 1000)), "the first transaction after the snapshot starts at its position");
        assertFalse(holds.test(event(2, 5000)));
        assertFalse(holds.test(event(3, 4)), "a later binlog file");
    }

    @Test
    void aMarkThatIsNotABinlogPositionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BinlogSnapshot.COPY.snapshotHolds("12:34:5,6x"));
        assertThrows(IllegalArgumentException.class, () -> BinlogSnapshot.COPY.snapshotHolds("nofile"));
    }

    /** A change whose transaction starts at {@code pos} of binlog file number {@code file} (the decoder's order). */
    private static ChangeEvent event(long file, long pos) {
        RowImage key = RowImage.of(Map.of("id", 1));
        return new ChangeEvent(Operation.CREATE, TableId.of("shop", "t"), key, null, key,
                new SourcePosition(file << 40 | pos, 0, "f:" + pos), Instant.now(), null,
                new SourceMetadata("mariadb", null, 11, null));
    }
}
