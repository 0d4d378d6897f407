package dev.bisync.core.internal.init;

import dev.bisync.core.internal.target.TargetConnections;
import dev.bisync.core.internal.target.TargetSession;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connections of one copy thread, kept from table to table: a source connection (each table's snapshot read is
 * a transaction on it), a target writer session, and the producer of its dead letters. The connections are dropped
 * after a failure and reopened on next use.
 */
final class CopyWorker implements AutoCloseable {

    private final CopyDirection direction;
    private final TargetSession writer;
    private final InitDeadLetters deadLetters;
    private Connection source;

    CopyWorker(CopyDirection direction, TargetSession writer, InitDeadLetters deadLetters) {
        this.direction = direction;
        this.writer = writer;
        this.deadLetters = deadLetters;
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

    /** Where the rows the target refuses go, besides the report. */
    InitDeadLetters deadLetters() {
        return deadLetters;
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
        deadLetters.close();
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
