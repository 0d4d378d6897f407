package dev.bisync.core.internal.init;

import dev.bisync.api.UnrepresentableValue;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.TableMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;

/**
 * Where a table's copy starts in its new snapshot: right after the last key an earlier attempt committed — the key
 * ranges copied before closed as {@link CopySegments}, the counters carried on — or at the first row, when nothing
 * was committed or when Java cannot compare the table's keys exactly as the source orders them ({@link KeyOrder}):
 * the lanes' hand-over must place every change's key in the segment whose snapshot copied it.
 *
 * @param after     the key the copy continues after; null from the first row
 * @param segments  the closed segments
 * @param chunks    chunks copied before
 * @param rows      rows copied before
 * @param bytes     bytes copied before
 * @param exactKeys whether the table's keys are kept typed after each chunk (so that the copy can resume inside it)
 */
record ResumePoint(SegmentKey after, CopySegments segments, long chunks, long rows, long bytes,
        boolean exactKeys) {

    private static final Logger LOG = LoggerFactory.getLogger(ResumePoint.class);

    /**
     * The start of a table's copy after its recorded progress {@code entry} (null when none).
     *
     * @param logPrefix names the sync, direction and table in the line logged when the copy resumes or, unable to,
     *                  starts over
     */
    static ResumePoint of(InitProgressStore.Entry entry, Dialect sourceDialect, TableMetadata source,
            String logPrefix) {
        String inexact = KeyOrder.inexact(sourceDialect, source.keyColumns());
        boolean begun = entry != null && !entry.done() && entry.chunks() > 0;
        if (!begun) {
            return new ResumePoint(null, CopySegments.NONE, 0, 0, 0, inexact == null);
        }
        if (inexact != null || entry.resumeKey() == null) {
            LOG.info("{} copying again from the first row, not after the {} rows copied before: {}", logPrefix,
                    entry.rows(), inexact != null ? inexact : "the last key was not kept (an earlier version)");
            return new ResumePoint(null, CopySegments.NONE, 0, 0, 0, inexact == null);
        }
        SegmentKey after = SegmentKey.parse(entry.resumeKey());
        List<String> keyNames = source.keyColumns().stream().map(ColumnMetadata::name).toList();
        if (!after.columns().equals(keyNames)) {
            LOG.info("{} copying again from the first row, not after the {} rows copied before: the key was {}, "
                    + "it is now {}", logPrefix, entry.rows(), after.columns(), keyNames);
            return new ResumePoint(null, CopySegments.NONE, 0, 0, 0, true);
        }
        CopySegments segments = CopySegments.parse(entry.segments()).close(after, entry.snapshotMark());
        LOG.info("{} resuming after {} rows (key {}) in a new snapshot, segment {}", logPrefix, entry.rows(),
                ChunkReader.keyText(after.toArray()), segments.closed().size() + 1);
        return new ResumePoint(after, segments, entry.chunks(), entry.rows(), entry.bytes(), true);
    }

    /** Whether the copy continues after rows copied before. */
    boolean resumed() {
        return after != null;
    }

    /** The key the copy continues after, for people; null from the first row. */
    String keyText() {
        return after == null ? null : ChunkReader.keyText(after.toArray());
    }

    /** The key the copy continues after, typed; null from the first row. */
    String keyJson() {
        return after == null ? null : after.toJson();
    }

    /**
     * The typed key of a chunk's last row, for {@code bisync_init_progress}; null when the table's keys are not
     * exactly ordered, or a value is one {@link SegmentKey} does not keep (the copy then starts over if it stops).
     */
    String keyJson(List<ColumnMetadata> keyColumns, Object[] lastKey) {
        if (!exactKeys || Arrays.stream(lastKey).anyMatch(v -> v instanceof UnrepresentableValue)) {
            return null; // no order Java can place a change's key in against a zero or invalid date
        }
        try {
            return SegmentKey.of(keyColumns, lastKey).toJson();
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
