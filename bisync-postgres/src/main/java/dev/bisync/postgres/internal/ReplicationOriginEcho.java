package dev.bisync.postgres.internal;

import dev.bisync.api.ChangeEvent;
import dev.bisync.spi.EchoIdentity;
import dev.bisync.spi.dialect.WriterSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * bisync's echo mark on PostgreSQL: each writer connection runs under its own replication origin
 * {@code <echo name>_<slot>} (one origin can be active in one session only). On PostgreSQL 16 and newer the
 * connector's {@code slot.stream.params=origin=none} then keeps these writes out of capture; where it is not set
 * (always on PostgreSQL 15, whose pgoutput has no {@code origin} option), the events carry {@code source.origin} and
 * {@link #isOwnWrite} recognises them.
 *
 * <p>Needs no superuser: EXECUTE on {@code pg_replication_origin_create(text)} and
 * {@code pg_replication_origin_session_setup(text)} is enough.
 */
final class ReplicationOriginEcho implements WriterSessions {

    /** duplicate_object, unique_violation: another session created the origin at the same moment. */
    private static final List<String> ALREADY_EXISTS = List.of("42710", "23505");
    /** object_in_use: another session holds the origin, e.g. this slot's previous session, still ending. */
    private static final String OBJECT_IN_USE = "55006";
    /** configuration_limit_exceeded: no free replication-state slot for one more origin. */
    private static final String LIMIT_EXCEEDED = "53400";

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationOriginEcho.class);
    private static volatile boolean warnedNoReset;

    /**
     * Whether writer sessions reset their replication-origin timestamp before each commit: the server records commit
     * timestamps ({@code track_commit_timestamp=on}) and the role may. Set when a writer session is prepared (the
     * setting needs a server restart to change, so it is the same for every session).
     */
    private volatile boolean resetOriginTimestamp;

    /** Whether the connector drops these writes at capture ({@code origin=none}), for {@link #describe}. */
    private final boolean filteredAtCapture;

    ReplicationOriginEcho(boolean filteredAtCapture) {
        this.filteredAtCapture = filteredAtCapture;
    }

    static String originName(EchoIdentity echo, int slot) {
        if (slot < 0) {
            throw new IllegalArgumentException("slot must be 0 or more: " + slot);
        }
        return echo.name() + "_" + slot;
    }

    /** Sets the session's time zone to UTC and its replication origin, creating the origin if needed. */
    @Override
    public String prepare(Connection connection, EchoIdentity echo, int slot) throws SQLException {
        String origin = originName(echo, slot);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try {
            prepareUnmarked(connection);
            create(connection, origin);
            setUp(connection, origin);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        resetOriginTimestamp = needsTimestampReset(connection);
        return "replication origin " + origin;
    }

    @Override
    public void prepareUnmarked(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
        }
    }

    /**
     * Unavailable when the role may not execute the functions that create an origin and run a session under it
     * (by default only superusers may), or when the server keeps no replication-state slot for an origin.
     */
    @Override
    public Optional<String> markUnavailable(Connection connection, EchoIdentity echo) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT f.name, EXISTS (SELECT 1 FROM pg_catalog.pg_proc p WHERE p.proname = f.name "
                        + "AND p.pronamespace = 'pg_catalog'::regnamespace "
                        + "AND has_function_privilege(p.oid, 'EXECUTE')) FROM (VALUES "
                        + "('pg_replication_origin_create'), ('pg_replication_origin_session_setup')) AS f(name) "
                        + "UNION ALL SELECT 'slots', COALESCE(current_setting('max_active_replication_origins', "
                        + "true), current_setting('max_replication_slots'))::int > 0")) {
            List<String> missing = new java.util.ArrayList<>();
            boolean slots = true;
            while (rs.next()) {
                if (rs.getString(1).equals("slots")) {
                    slots = rs.getBoolean(2);
                } else if (!rs.getBoolean(2)) {
                    missing.add(rs.getString(1));
                }
            }
            String role = connection.getMetaData().getUserName();
            if (!missing.isEmpty()) {
                return Optional.of("the role " + role + " may not run sessions under a replication origin; to keep "
                        + "bisync's writes recognisable by origin: " + String.join("; ", missing.stream().map(f ->
                        "GRANT EXECUTE ON FUNCTION pg_catalog." + f + "(text) TO " + role).toList()));
            }
            if (!slots) {
                return Optional.of("the server keeps no replication origins (max_active_replication_origins on "
                        + "PostgreSQL 18, max_replication_slots before, is 0)");
            }
            return Optional.empty();
        }
    }

    /**
     * Runs the session under the origin. Fails at once with SQLState 55006 when another session holds it (a live one,
     * or this slot's previous session, which ends asynchronously on the server), so that the caller can take
     * another slot.
     */
    private static void setUp(Connection connection, String origin) throws SQLException {
        try (PreparedStatement setup = connection.prepareStatement(
                "SELECT pg_catalog.pg_replication_origin_session_setup(?)")) {
            setup.setString(1, origin);
            setup.execute();
        } catch (SQLException e) {
            throw new SQLException("cannot run this session under replication origin " + origin + ": "
                    + e.getMessage() + " (" + advice(e.getSQLState()) + ")", e.getSQLState(), e.getErrorCode(), e);
        }
    }

    private static String advice(String state) {
        if (LIMIT_EXCEEDED.equals(state)) {
            return "every origin ever set up keeps one of the server's replication-state slots until it is dropped: "
                    + "max_active_replication_origins on PostgreSQL 18, max_replication_slots before; use fewer "
                    + "writer slots or raise the setting";
        }
        if (OBJECT_IN_USE.equals(state)) {
            return "another session holds it: each writer connection of every bisync instance needs a slot of its "
                    + "own, and a closed session's slot is free only once the server has ended that session";
        }
        return "the role needs EXECUTE on pg_replication_origin_session_setup(text)";
    }

    /** Creates the origin unless it exists ({@code pg_replication_origin} is readable by every role). */
    private static void create(Connection connection, String origin) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_replication_origin WHERE roname = ?")) {
            exists.setString(1, origin);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement create = connection.prepareStatement(
                "SELECT pg_catalog.pg_replication_origin_create(?)")) {
            create.setString(1, origin);
            create.execute();
        } catch (SQLException e) {
            if (!ALREADY_EXISTS.contains(e.getSQLState())) {
                throw new SQLException("cannot create replication origin " + origin + ": " + e.getMessage()
                        + " (the role needs EXECUTE on pg_replication_origin_create(text))",
                        e.getSQLState(), e.getErrorCode(), e);
            }
        }
    }

    /**
     * Whether the session's origin timestamp must be reset before each commit. Under a session origin set up without
     * {@code pg_replication_origin_xact_setup}, PostgreSQL records the first commit's time as the session's origin
     * timestamp and stamps every later transaction with it: with {@code track_commit_timestamp=on},
     * {@code pg_xact_commit_timestamp} of every row bisync writes would read as that first commit. False when the
     * server records no commit timestamps; false with a warning when it does but the role lacks EXECUTE on
     * {@code pg_replication_origin_xact_reset()}.
     */
    private static boolean needsTimestampReset(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT current_setting('track_commit_timestamp') = 'on', has_function_privilege("
                        + "'pg_catalog.pg_replication_origin_xact_reset()', 'EXECUTE')")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return false;
            }
            if (!rs.getBoolean(2)) {
                if (!warnedNoReset) {
                    warnedNoReset = true;
                    LOG.warn("track_commit_timestamp is on, but the role {} may not execute "
                            + "pg_replication_origin_xact_reset(): every row bisync writes through a session will "
                            + "carry the commit timestamp of that session's first transaction. Fix: GRANT EXECUTE ON "
                            + "FUNCTION pg_catalog.pg_replication_origin_xact_reset() TO {}",
                            connection.getMetaData().getUserName(), connection.getMetaData().getUserName());
                }
                return false;
            }
            return true;
        }
    }

    /** Clears the session's origin timestamp, so that this transaction is stamped with its own commit time. */
    @Override
    public void beforeCommit(Connection connection) throws SQLException {
        if (!resetOriginTimestamp) {
            return;
        }
        try (PreparedStatement reset = connection.prepareStatement(
                "SELECT pg_catalog.pg_replication_origin_xact_reset()")) {
            reset.execute();
        }
    }

    /** Whether the change was written under one of this identity's origins ({@code <name>_<digits>}). */
    @Override
    public boolean isOwnWrite(ChangeEvent event, EchoIdentity echo) {
        String origin = event.source().origin();
        String prefix = echo.name() + "_";
        if (origin == null || origin.length() <= prefix.length() || !origin.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < origin.length(); i++) {
            if (!Character.isDigit(origin.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String describe(EchoIdentity echo) {
        String origins = "replication origin " + echo.name() + "_<n> per writer connection; ";
        return filteredAtCapture
                ? origins + "the connector's slot.stream.params=origin=none drops these writes at capture, otherwise "
                        + "they are recognised by source.origin"
                : origins + "the server's pgoutput has no origin filter (PostgreSQL 15), so these writes are captured "
                        + "and recognised on consume by source.origin";
    }
}
