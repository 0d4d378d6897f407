package dev.bisync.spi.dialect;

import dev.bisync.api.ChangeEvent;
import dev.bisync.spi.EchoIdentity;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

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
     * Why writer sessions of this account on this server cannot carry the echo mark {@link #prepare} sets — the
     * server's version, a missing privilege, a setting — naming what would enable it; empty when they can. Asked on a
     * connection of bisync's writer account, before {@link #prepare}; must leave the session as it found it. When not
     * empty, bisync marks its transactions with marker rows ({@link dev.bisync.api.config.EchoMarking#MARKER_ROWS})
     * and prepares its sessions with {@link #prepareUnmarked}. Default: empty.
     */
    default Optional<String> markUnavailable(Connection connection, EchoIdentity echo) throws SQLException {
        return Optional.empty();
    }

    /**
     * Prepares a connection bisync writes through, as {@link #prepare} does, but without the echo mark: session
     * settings only (time zone UTC, strict modes). Used when bisync marks its transactions with marker rows instead;
     * nothing of it may make the connector leave the writes out of capture.
     */
    void prepareUnmarked(Connection connection) throws SQLException;

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
