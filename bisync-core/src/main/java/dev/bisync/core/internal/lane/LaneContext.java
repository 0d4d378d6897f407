package dev.bisync.core.internal.lane;

import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.SyncListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * What every stage of a lane may need to know about the lane: its name and log prefix, its target's dialect, its
 * meters and its listeners.
 *
 * @param name          the lane's name, e.g. {@code mariadb-to-postgres}
 * @param logPrefix     {@code [sync/lane]}
 * @param targetDialect the dialect of the database the lane writes to
 * @param metrics       the lane's meters
 * @param listeners     the sync's listeners
 */
public record LaneContext(String name, String logPrefix, Dialect targetDialect, LaneMetrics metrics,
        List<SyncListener> listeners) {

    private static final Logger LOG = LoggerFactory.getLogger(LaneContext.class);

    /** Runs a listener callback; an exception from it is logged and otherwise ignored. */
    public void notify(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("{} a SyncListener threw; ignored", logPrefix, e);
        }
    }
}
