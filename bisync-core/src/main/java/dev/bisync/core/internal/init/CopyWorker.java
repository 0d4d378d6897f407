package dev.bisync.core.internal.init;

import dev.bisync.core.internal.target.TargetConnections;
import dev.bisync.core.internal.target.TargetSession;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connections of one copy thread, kept from table to table: a source connection (each table's snapshot read is
 * a transaction on it) and a target writer session. Both are dropped after a failure and reopened on next use.
 */
final class CopyWorker implements AutoCloseable {

    private final CopyDirection direction;
    private final TargetSession writer;
    private Connection source;

    CopyWorker(CopyDirection direction, TargetSession writer) {
        this.direction = direction;
        this.writer = writer;
    }

    Connection source() throws SQLException {
        if (source == null) {
            source = TargetConnections.open(direction.source().database());
        }
        return source;
    }

    TargetSession writer() {
        return writer;
    }

    /** Drops both connections (after a failure). */
    void reset() {
        closeSource();
        writer.reset();
    }

    @Override
    public void close() {
        closeSource();
        writer.close();
    }

    private void closeSource() {
        if (source != null) {
            try {
                source.close();
            } catch (SQLException ignored) {
                // closing a broken connection
            }
            source = null;
        }
    }
}
