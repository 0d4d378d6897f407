package dev.bisync.core.internal.target;

import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.api.config.SideConfig;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.EchoIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * The connection a lane writes through: opened with batch rewriting on, set up by the dialect (UTC, strict modes,
 * the echo mark), in manual-commit mode, with its prepared statements. Reopened after a connection failure.
 * Used by one lane thread.
 *
 * <p>The echo mark is the dialect's session mark, or, where the side asks for it or the dialect's mark is unavailable
 * ({@link MarkerRow#chosen}), a {@link MarkerRow} bumped by each transaction that changes synced rows.
 */
public final class TargetSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TargetSession.class);
    /** How many writer slots (replication origins) to try before giving up. */
    private static final int MAX_SLOTS = 16;

    private final SideConfig side;
    private final DatabaseConfig database;
    private final Dialect dialect;
    private final EchoIdentity echo;
    private final String logPrefix;
    private final boolean bulkLoad;
    private Connection connection;
    private StatementCache statements;
    /** The connection's marker row, or null while it carries the dialect's session mark (or none is open). */
    private MarkerRow markerRow;

    /** A session writing into {@code side}'s database. */
    public TargetSession(SideConfig side, Dialect dialect, EchoIdentity echo, String logPrefix) {
        this(side, dialect, echo, logPrefix, false);
    }

    /**
     * A session that may also write by the database's bulk path ({@link dev.bisync.spi.dialect.InitialCopy#bulkLoader}): for the initial copy's
     * writers only. On MySQL/MariaDB it opens its connections with local files allowed (unless the side's properties
     * set it: {@code allowLoadLocalInfile} or {@code allowLocalInfile}, as {@link JdbcDriver} names it per driver),
     * which {@code LOAD DATA LOCAL INFILE} needs; the lanes' sessions never do.
     */
    public TargetSession(SideConfig side, Dialect dialect, EchoIdentity echo, String logPrefix,
            boolean bulkLoad) {
        this.side = side;
        this.database = side.database();
        this.dialect = dialect;
        this.echo = echo;
        this.logPrefix = logPrefix;
        this.bulkLoad = bulkLoad;
    }

    /** The open connection, opening it if needed. */
    public Connection connection() throws SQLException {
        if (connection == null) {
            open();
        }
        return connection;
    }

    /** The statements of the current connection. */
    public StatementCache statements() {
        if (statements == null) {
            throw new IllegalStateException("no open connection");
        }
        return statements;
    }

    private void open() throws SQLException {
        Properties properties = properties(database, bulkLoad);
        Connection c = DriverManager.getConnection(database.jdbcUrl(), properties);
        try {
            c.setAutoCommit(true);
            String mark = markSession(c);
            c.setAutoCommit(false);
            LOG.info("{} writer session open; its writes are marked: {}", logPrefix, mark);
        } catch (SQLException | RuntimeException e) {
            if (markerRow != null) {
                markerRow.release();
                markerRow = null;
            }
            closeQuietly(c);
            throw e;
        }
        connection = c;
        statements = new StatementCache(c);
    }

    private String markSession(Connection c) throws SQLException {
        Optional<String> markerRows = MarkerRow.chosen(side, dialect, c, echo);
        if (markerRows.isPresent()) {
            dialect.writers().prepareUnmarked(c);
            MarkerRow row = new MarkerRow(dialect, side.namespace(), echo);
            String mark = row.claim(c);
            markerRow = row;
            return mark + " (" + markerRows.get() + ")";
        }
        SQLException last = null;
        for (int slot = 0; slot < MAX_SLOTS; slot++) {
            try {
                return dialect.writers().prepare(c, echo, slot);
            } catch (SQLException e) {
                last = e;
                if (!"55006".equals(e.getSQLState())) { // only "origin in use by another session" tries the next
                    throw e;
                }
                LOG.debug("{} writer slot {} is in use: {}", logPrefix, slot, e.getMessage());
            }
        }
        throw last;
    }

    static Properties properties(DatabaseConfig database) {
        return properties(database, false);
    }

    /** The side's properties and credentials, plus the driver's batching (and local files) unless set. */
    private static Properties properties(DatabaseConfig database, boolean localFiles) {
        Properties p = new Properties();
        p.putAll(database.properties());
        if (database.user() != null) {
            p.setProperty("user", database.user());
        }
        p.setProperty("password", database.password());
        JdbcDriver.of(database.jdbcUrl()).ifPresent(driver -> driver.addTo(p, localFiles));
        return p;
    }

    /**
     * Commits the open connection's transaction, marked as bisync's own: after the dialect's
     * {@link dev.bisync.spi.dialect.WriterSessions#beforeCommit} in it, or its marker row's bump.
     *
     * @throws IllegalStateException when no connection is open (it was reset: its transaction is gone)
     */
    public void commit() throws SQLException {
        commit(true);
    }

    /**
     * Commits the open connection's transaction.
     *
     * @param changedSyncedRows whether the transaction may have changed synced rows: when false (only bisync's own
     *                          tables), a marker row is not bumped — its capture would make the other lane commit, and
     *                          the markers would travel back and forth
     */
    public void commit(boolean changedSyncedRows) throws SQLException {
        if (connection == null) {
            throw new IllegalStateException("no open connection: its transaction was given up with the connection");
        }
        if (markerRow == null) {
            dialect.writers().beforeCommit(connection);
        } else if (changedSyncedRows) {
            markerRow.bump(statements);
        }
        connection.commit();
    }

    /** Drops the connection (after a failure); the next use opens a new one. */
    public void reset() {
        if (markerRow != null) {
            markerRow.release();
            markerRow = null;
        }
        if (statements != null) {
            statements.close();
            statements = null;
        }
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already broken
        }
    }

    @Override
    public void close() {
        reset();
    }
}
