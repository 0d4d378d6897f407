package dev.bisync.core.internal.source;

import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.target.StatementCache;
import dev.bisync.core.internal.target.TargetConnections;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.TableMetadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One read-only connection to a source database, for the rare reads a lane or a replay makes there: the parents
 * "the insert wins" restores ({@code SourceRows}), the values capture may have replaced ({@link SubstitutionCheck}),
 * the rows an initial copy refused, read again ({@code InitLetterDecoder}). Opened on first use; table metadata is
 * described once, outside any read transaction (which it must not leave open); {@link #read} runs a read in a
 * transaction of its own in the initial copy's session ({@code InitialCopy.beginSnapshotRead}: UTC, one snapshot).
 * After a failure the owner {@link #close closes} it, and the next read opens another connection. Used by one
 * thread.
 */
public final class SourceSession implements AutoCloseable {

    /** A read on the session's connection. */
    @FunctionalInterface
    public interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DatabaseConfig database;
    private final Dialect dialect;
    private final Map<TableId, TableMetadata> tables = new HashMap<>();
    private Connection connection;
    private StatementCache statements;

    public SourceSession(DatabaseConfig database, Dialect dialect) {
        this.database = database;
        this.dialect = dialect;
    }

    /** The source's dialect. */
    public Dialect dialect() {
        return dialect;
    }

    /** The connection, opened (read-only, auto-commit) on first use. */
    public Connection connection() throws SQLException {
        if (connection == null) {
            connection = TargetConnections.open(database);
            connection.setReadOnly(true);
        }
        return connection;
    }

    /** The statements prepared on {@link #connection}, each once. */
    public StatementCache statements() throws SQLException {
        if (statements == null) {
            statements = new StatementCache(connection());
        }
        return statements;
    }

    /** A table's metadata, read once; null when the source has no such table (asked again next time). */
    public TableMetadata describe(TableId table) throws SQLException {
        TableMetadata metadata = tables.get(table);
        if (metadata == null) {
            Connection c = connection();
            try {
                metadata = dialect.catalog().describe(c, table);
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
            }
            if (metadata != null) {
                tables.put(table, metadata);
            }
        }
        return metadata;
    }

    /** A table's metadata read anew (a column added since it was described), then kept as {@link #describe} does. */
    public TableMetadata describeAfresh(TableId table) throws SQLException {
        tables.remove(table);
        return describe(table);
    }

    /** Runs {@code read} in a snapshot-read transaction of its own, rolled back after. */
    public <T> T read(Read<T> read) throws SQLException {
        Connection c = connection();
        dialect.copy().beginSnapshotRead(c);
        try {
            return read.run(c);
        } finally {
            c.rollback();
        }
    }

    /** Closes the connection and forgets the metadata; the next read opens another. */
    @Override
    public void close() {
        tables.clear();
        if (statements != null) {
            statements.close();
            statements = null;
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a connection that failed
            }
            connection = null;
        }
    }
}
