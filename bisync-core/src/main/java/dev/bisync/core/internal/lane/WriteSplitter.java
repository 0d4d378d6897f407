package dev.bisync.core.internal.lane;

import dev.bisync.api.RejectedValueException;
import dev.bisync.core.internal.apply.BatchWriter;
import dev.bisync.core.internal.apply.ReferencingRows;
import dev.bisync.core.internal.resolve.Write;
import dev.bisync.spi.Dialect;
import dev.bisync.spi.FailureKind;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch's writes so that a write failing for its own data does not take the others with it: the writes
 * go out under a savepoint; when they fail for the data, they are rolled back to it, split in halves and each
 * half written the same way, until the writes at fault stand alone. The order of the writes is kept, and a batch
 * with k bad rows out of n needs about 2k log2(n) statements more than a clean one.
 */
final class WriteSplitter {

    /** Told of each write that failed alone, and of each foreign-key conflict settled. */
    interface Failures {
        /** The write failed for its own data. */
        void failed(Write write, Exception error);

        /**
         * The write (an insert or update) refers to a row the target does not hold: the target deleted it while the
         * source added this row. Not written: the delete wins.
         */
        void missingReference(Write write, SQLException error);

        /**
         * The delete was refused because target rows refer to the row; they were removed first (the delete wins)
         * and the delete written.
         *
         * @param removed rows removed per table, deepest first
         */
        void removedReferencing(Write write, Map<String, Integer> removed);

        /**
         * The update would make the target's row refer to a row the target deleted; the source removes the row with
         * that one, so the target's row was deleted (after the rows referring to it).
         */
        void removedReferring(Write write, Map<String, Integer> removed);
    }

    private final BatchWriter writer;
    private final Dialect dialect;
    private final ReferencingRows referencing;

    WriteSplitter(BatchWriter writer, Dialect dialect, ReferencingRows referencing) {
        this.writer = writer;
        this.dialect = dialect;
        this.referencing = referencing;
    }

    /**
     * Writes all, in order, inside the caller's transaction.
     *
     * @param mayWait whether a foreign-key violation is answered with {@link MissingReferenceException} (the
     *                caller waits for the rest of the source transaction) rather than by splitting; a write that
     *                still breaks a foreign key alone is a foreign-key conflict, settled by "the delete wins", when
     *                {@code referenceConflicts} (the batch holds whole source transactions), else it failed
     * @throws SQLException a failure that is not the data's (transient or fatal)
     */
    void write(Connection connection, List<Write> writes, boolean mayWait, boolean referenceConflicts,
            Failures failures) throws SQLException, MissingReferenceException {
        if (writes.isEmpty()) {
            return;
        }
        Savepoint savepoint = connection.setSavepoint();
        try {
            writer.write(writes);
            connection.releaseSavepoint(savepoint);
            return;
        } catch (SQLException | RejectedValueException e) {
            if (e instanceof SQLException sql && dialect.classify(sql) != FailureKind.PERMANENT) {
                throw sql;
            }
            if (mayWait && e instanceof SQLException sql && dialect.isMissingReference(sql)) {
                throw new MissingReferenceException(sql);
            }
            connection.rollback(savepoint);
            if (writes.size() == 1) {
                if (referenceConflicts && e instanceof SQLException sql && dialect.isMissingReference(sql)) {
                    settleReference(connection, writes.get(0), sql, failures);
                } else {
                    failures.failed(writes.get(0), e);
                }
                return;
            }
        }
        int half = writes.size() / 2;
        write(connection, writes.subList(0, half), mayWait, referenceConflicts, failures);
        write(connection, writes.subList(half, writes.size()), mayWait, referenceConflicts, failures);
    }

    /**
     * A write that breaks a foreign key alone: a delete of a row the target's rows refer to removes them first; an
     * insert or update referring to a row the target does not hold is not written.
     */
    private void settleReference(Connection connection, Write write, SQLException error, Failures failures)
            throws SQLException {
        if (write.kind() == Write.Kind.INSERT) {
            failures.missingReference(write, error);
            return;
        }
        // a delete refused for the rows referring to it; or an update of a row the target holds that now refers to
        // a row the target deleted: the source side removes the row with that row (the delete wins), so it goes
        Write delete = write.isDelete() ? write : new Write(write.change(), write.route(), write.key(),
                write.keyValues(), null, Write.Kind.DELETE);
        Savepoint savepoint = connection.setSavepoint();
        try {
            Map<String, Integer> removed = referencing.removeReferencing(connection, delete);
            writer.write(List.of(delete));
            connection.releaseSavepoint(savepoint);
            if (write.isDelete()) {
                failures.removedReferencing(write, removed);
            } else {
                failures.removedReferring(write, removed);
            }
        } catch (SQLException e) {
            if (dialect.classify(e) != FailureKind.PERMANENT) {
                throw e;
            }
            connection.rollback(savepoint);
            failures.failed(write, e);
        }
    }
}
