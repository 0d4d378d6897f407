package dev.bisync.spi.dialect;

import dev.bisync.api.ChangeEvent;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@link Dialect}'s side of an initial copy: reading a table in one consistent snapshot whose place in the change
 * log is known, so that the lanes neither lose nor repeat a change around it, and an optional bulk path for writing
 * into an empty table.
 */
public interface InitialCopy {

    /**
     * Starts, on a fresh connection of this database, the read-only transaction an initial copy reads a table in:
     * one consistent snapshot for all its queries, in a session set up for reading canonical values (time zone
     * UTC). Returns the snapshot's mark, the text {@link #snapshotHolds} reads back: which source transactions the
     * snapshot holds (PostgreSQL: {@code pg_current_snapshot()}; MySQL/MariaDB: the binlog file and position of
     * {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}). Called by {@code InitialSync} once per table, on its copy
     * thread, and by a lane that reads rows back from its source; an exception fails that table's copy (the copy
     * can be run again).
     */
    String beginSnapshotRead(Connection connection) throws SQLException;

    /**
     * The test of whether a change captured from this database was committed inside the snapshot that
     * {@link #beginSnapshotRead} marked, so that a copy read in that snapshot already holds it. A lane skips, for a
     * copied table, the changes this test accepts and applies all others: nothing lost, nothing applied twice.
     * Called once per copied table when a lane starts; the test runs on the lane's consumer thread for every change
     * of that table and must be cheap. Never null.
     *
     * @throws IllegalArgumentException when the mark is not one this dialect wrote
     */
    Predicate<ChangeEvent> snapshotHolds(String mark);

    /**
     * The bulk path that writes rows into {@code columns} of {@code table} faster than upserts ({@link BulkLoader}),
     * on {@code connection}, a writer session ({@link WriterSessions#prepare}) in manual-commit mode, so that what it
     * writes is marked as bisync's own. It inserts only: {@code InitialSync} asks for it once per table copy, on its
     * copy thread, when the target table is empty as its copy starts (and not in a both-ways fill). Default: none,
     * and the copy writes with upserts.
     *
     * @return the loader, or empty when the database or the connection offers no bulk path (e.g. the server does
     *         not allow it); never null
     */
    default Optional<BulkLoader> bulkLoader(Connection connection, TableMetadata table,
            List<ColumnMetadata> columns) throws SQLException {
        return Optional.empty();
    }
}
