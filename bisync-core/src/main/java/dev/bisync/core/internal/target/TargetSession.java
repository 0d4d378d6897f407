package dev.bisync.core.internal.target;

import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.EchoIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The connection a lane writes through: opened with batch rewriting on, set up by the dialect (UTC, strict modes,
 * the echo mark), in manual-commit mode, with its prepared statements. Reopened after a connection failure.
 * Used by one lane thread.
 */
public final class TargetSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TargetSession.class);
    /** How many writer slots (replication origins) to try before giving up. */
    private static final int MAX_SLOTS = 16;

    private final DatabaseConfig database;
    private final Dialect dialect;
    private final EchoIdentity echo;
    private final String logPrefix;
    private final boolean bulkLoad;
    private Connection connection;
    private StatementCache statements;

    public TargetSession(DatabaseConfig database, Dialect dialect, EchoIdentity echo, String logPrefix) {
        this(database, dialect, echo, logPrefix, false);
    }

    /**
     * A session that may also write by the database's bulk path ({@link dev.bisync.spi.dialect.InitialCopy#bulkLoader}): for the initial copy's
     * writers only. On MySQL/MariaDB it opens its connections with {@code allowLoadLocalInfile=true} (unless the
     * side's properties set it), which {@code LOAD DATA LOCAL INFILE} needs; the lanes' sessions never do.
     */
    public TargetSession(DatabaseConfig database, Dialect dialect, EchoIdentity echo, String logPrefix,
            boolean bulkLoad) {
        this.database = database;
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
        Properties properties = properties(database);
        if (bulkLoad && database.jdbcUrl().startsWith("jdbc:mysql:")) {
            properties.putIfAbsent("allowLoadLocalInfile", "true");
        }
        Connection c = DriverManager.getConnection(database.jdbcUrl(), properties);
        try {
            c.setAutoCommit(true);
            String mark = markSession(c);
            c.setAutoCommit(false);
            LOG.info("{} writer session open; its writes are marked: {}", logPrefix, mark);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
        connection = c;
        statements = new StatementCache(c);
    }

    private String markSession(Connection c) throws SQLException {
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
        Properties p = new Properties();
        p.putAll(database.properties());
        if (database.user() != null) {
            p.setProperty("user", database.user());
        }
        p.setProperty("password", database.password());
        String url = database.jdbcUrl();
        if (url.startsWith("jdbc:postgresql:")) {
            p.putIfAbsent("reWriteBatchedInserts", "true");
        } else if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
            p.putIfAbsent("rewriteBatchedStatements", "true");
        }
        return p;
    }

    /**
     * Commits the open connection's transaction, after the dialect's {@link dev.bisync.spi.dialect.WriterSessions#beforeCommit} in it.
     *
     * @throws IllegalStateException when no connection is open (it was reset: its transaction is gone)
     */
    public void commit() throws SQLException {
        if (connection == null) {
            throw new IllegalStateException("no open connection: its transaction was given up with the connection");
        }
        dialect.writers().beforeCommit(connection);
        connection.commit();
    }

    /** Drops the connection (after a failure); the next use opens a new one. */
    public void reset() {
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
