package dev.bisync.core.internal.target;

import dev.bisync.api.config.EchoMarking;
import dev.bisync.api.config.SideConfig;
import dev.bisync.core.internal.tables.OwnTable;
import dev.bisync.spi.EchoIdentity;
import dev.bisync.spi.dialect.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A writer connection's marker row ({@link EchoMarking#MARKER_ROWS}): the row {@code (echo name, slot)} of
 * {@code bisync_echo_marks}, bumped by each transaction of the connection that changes synced rows, just before it
 * commits. The connector captures the bump with the transaction's other changes, and the lane that reads this
 * database recognises every change of the transaction as bisync's own (the lane's {@code MarkedEchoes}).
 *
 * <p>Slots are numbered per process; a connection holds one from {@link #claim} to {@link #release}. Two processes
 * of one sync (a running sync and a command-line resolution) may share a slot number: their bumps then wait for each
 * other's commit, nothing more, as the bump is a transaction's last statement.
 */
public final class MarkerRow {

    private static final Logger LOG = LoggerFactory.getLogger(MarkerRow.class);
    private static final BitSet SLOTS_IN_USE = new BitSet();
    /** The databases (URL and user) whose fallback to marker rows was already logged. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final Dialect dialect;
    private final String namespace;
    private final EchoIdentity echo;
    private final String bumpSql;
    private int slot = -1;

    public MarkerRow(Dialect dialect, String namespace, EchoIdentity echo) {
        this.dialect = dialect;
        this.namespace = namespace;
        this.echo = echo;
        this.bumpSql = "UPDATE " + OwnTable.ECHO_MARKS.qualified(dialect, namespace) + " SET "
                + dialect.statements().quote("marks") + " = " + dialect.statements().quote("marks") + " + 1 WHERE "
                + dialect.statements().quote("echo") + " = ? AND " + dialect.statements().quote("slot") + " = ?";
    }

    /**
     * Why bisync's writes into this side are marked with marker rows rather than the dialect's session mark, or empty
     * when the session mark serves: the side's configuration asks for marker rows, or the dialect says its mark is
     * unavailable to this account on this server. Asked on a connection of the writer account, in auto-commit mode.
     */
    public static Optional<String> chosen(SideConfig side, Dialect dialect, Connection connection,
            EchoIdentity echo) throws SQLException {
        if (side.echoMarking() == EchoMarking.MARKER_ROWS) {
            return Optional.of("configured (echo marking " + EchoMarking.MARKER_ROWS + ")");
        }
        Optional<String> unavailable = dialect.writers().markUnavailable(connection, echo);
        if (unavailable.isPresent() && WARNED.add(side.database().jdbcUrl() + " " + side.database().user())) {
            LOG.warn("side {}: bisync's writes cannot carry {}'s session mark, so they are marked with rows of {} "
                    + "instead (captured and dropped by the other lane; one more row write per transaction): {}",
                    side.name(), dialect.name(), OwnTable.ECHO_MARKS.name(), unavailable.get());
        }
        return unavailable;
    }

    /** Creates the marker table if it is missing (the connector must capture it: create it before the connector). */
    public static void createTable(Dialect dialect, String namespace, Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(OwnTable.ECHO_MARKS.createSql(dialect, namespace));
        }
    }

    /**
     * Takes a free slot and makes sure its row exists (on a connection in auto-commit mode, before its first
     * transaction); returns the mark for the start-up log.
     */
    public String claim(Connection connection) throws SQLException {
        synchronized (SLOTS_IN_USE) {
            slot = SLOTS_IN_USE.nextClearBit(0);
            SLOTS_IN_USE.set(slot);
        }
        try {
            createTable(dialect, namespace, connection);
            try (PreparedStatement ps = connection.prepareStatement(OwnTable.ECHO_MARKS.insertSql(dialect, namespace,
                    List.of("echo", "slot", "marks"), true))) {
                ps.setString(1, echo.name());
                ps.setInt(2, slot);
                ps.setLong(3, 0);
                ps.executeUpdate();
            }
        } catch (SQLException | RuntimeException e) {
            release();
            throw e;
        }
        return "marker row " + echo.name() + "/" + slot + " of " + namespace + "." + OwnTable.ECHO_MARKS.name();
    }

    /** Bumps the row in the connection's open transaction. */
    public void bump(StatementCache statements) throws SQLException {
        if (slot < 0) {
            throw new IllegalStateException("no slot claimed");
        }
        PreparedStatement ps = statements.get(bumpSql);
        ps.setString(1, echo.name());
        ps.setInt(2, slot);
        if (ps.executeUpdate() != 1) {
            throw new SQLException("the marker row " + echo.name() + "/" + slot + " of " + namespace + "."
                    + OwnTable.ECHO_MARKS.name() + " is gone: bisync's writes would not be recognised as its own");
        }
    }

    /** Gives the slot back (the connection is closed or given up). */
    public void release() {
        if (slot >= 0) {
            synchronized (SLOTS_IN_USE) {
                SLOTS_IN_USE.clear(slot);
            }
            slot = -1;
        }
    }
}
