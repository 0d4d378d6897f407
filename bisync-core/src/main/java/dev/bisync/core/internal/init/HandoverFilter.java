package dev.bisync.core.internal.init;

import dev.bisync.api.ChangeEvent;
import dev.bisync.core.internal.target.TargetConnections;
import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.spi.dialect.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The hand-over from the initial copy to a lane: for each table the copy of the lane's direction finished, the
 * test of the source snapshot the copy read it in ({@link dev.bisync.spi.dialect.InitialCopy#snapshotHolds}) — for a table whose copy was
 * resumed inside, the snapshot of the key range ({@link CopySegments}) the change's key falls in. The connectors
 * capture from before the copy starts, so the lane sees every change since; it skips the changes of a copied table
 * that the table's snapshot already holds and applies all others — nothing lost, nothing applied twice. Read once
 * when the lane is built; used on the lane's consumer thread.
 */
public final class HandoverFilter {

    private static final Logger LOG = LoggerFactory.getLogger(HandoverFilter.class);
    private static final HandoverFilter NONE = new HandoverFilter(Map.of());

    private final Map<String, Predicate<ChangeEvent>> copied;

    private HandoverFilter(Map<String, Predicate<ChangeEvent>> copied) {
        this.copied = copied;
    }

    /** A filter that skips nothing. */
    public static HandoverFilter none() {
        return NONE;
    }

    /**
     * The filter of the lane {@code run}, from the target side's {@code bisync_init_progress} (none when the table
     * does not exist: no initial copy was made).
     */
    public static HandoverFilter load(String run, String logPrefix, List<String> tables, DatabaseConfig target,
            String targetNamespace, Dialect targetDialect, Dialect sourceDialect) throws SQLException {
        Map<String, InitProgressStore.Entry> entries;
        try (Connection c = TargetConnections.open(target)) {
            if (tableExists(c, targetNamespace, targetDialect)) {
                entries = new InitProgressStore(targetDialect, targetNamespace).load(c, run);
            } else {
                return NONE;
            }
        }
        Map<String, Predicate<ChangeEvent>> copied = new HashMap<>();
        entries.forEach((table, entry) -> {
            if (!tables.contains(table)) {
                return;
            }
            if (entry.done()) {
                copied.put(table, CopySegments.parse(entry.segments()).holds(sourceDialect.copy()::snapshotHolds,
                        entry.snapshotMark()));
            } else {
                LOG.warn("{} the initial copy of {} did not finish: its changes are applied in full; run the "
                        + "initial sync again before relying on it", logPrefix, table);
            }
        });
        if (!copied.isEmpty()) {
            LOG.info("{} {} table(s) copied by the initial sync: their changes held by the copy's snapshots are "
                    + "skipped", logPrefix, copied.size());
        }
        return new HandoverFilter(copied);
    }

    private static boolean tableExists(Connection c, String namespace, Dialect dialect) {
        try (var s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + dialect.statements().quote(namespace) + "." + dialect.statements().quote(InitProgressStore.TABLE)
                    + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether the initial copy already holds this change (the lane skips it). */
    public boolean alreadyCopied(ChangeEvent event) {
        Predicate<ChangeEvent> holds = copied.get(event.table().name());
        return holds != null && holds.test(event);
    }
}
