package dev.bisync.spi.dialect;

import dev.bisync.api.ChangeEvent;
import dev.bisync.spi.EchoIdentity;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A {@link Dialect}'s writer sessions and their echo mark: bisync writes through sessions that the database's change
 * capture leaves out or labels, and recognises what capture still carries of them, so that nothing it wrote is
 * applied back (no echo loop).
 */
public interface WriterSessions {

    /**
     * Prepares a connection bisync writes through: session settings (time zone UTC, strict modes) and the echo mark.
     * Called once per pooled connection when it is opened, on the thread that opens it; an exception fails the lane's
     * start (or is classified and retried when the connection is reopened).
     *
     * @param slot the connection's number within its pool, from 0; marks that only one session may hold at a time
     *             (a PostgreSQL replication origin) are made per slot
     * @return how the writes are marked, for the start-up log, e.g. {@code replication origin bisync_shop_0}
     */
    String prepare(Connection connection, EchoIdentity echo, int slot) throws SQLException;

    /**
     * Called on a writer session that {@link #prepare} prepared, inside its transaction, just before each commit.
     * Default: nothing. PostgreSQL, with {@code track_commit_timestamp=on}: resets the session's replication-origin
     * timestamp, which would otherwise stamp every later transaction of the session with the commit time of its
     * first.
     */
    default void beforeCommit(Connection writer) throws SQLException {
    }

    /**
     * Whether a change captured from this database was written by bisync (an echo of the other lane). Called for
     * every change on the lane's consumer thread; must be cheap.
     */
    boolean isOwnWrite(ChangeEvent event, EchoIdentity echo);

    /** How bisync's writes are kept out of capture, and what still needs recognising, for the start-up log. */
    String describe(EchoIdentity echo);
}
