package dev.bisync.core.internal.lane;

import dev.bisync.api.RejectedValueException;
import dev.bisync.core.internal.apply.BatchWriter;
import dev.bisync.core.internal.resolve.Write;
import dev.bisync.spi.Dialect;
import dev.bisync.spi.FailureKind;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;

/**
 * Writes a batch's writes so that a write failing for its own data does not take the others with it: the writes
 * go out under a savepoint; when they fail for the data, they are rolled back to it, split in halves and each
 * half written the same way, until the writes at fault stand alone. The order of the writes is kept, and a batch
 * with k bad rows out of n needs about 2k log2(n) statements more than a clean one.
 */
final class WriteSplitter {

    /** Told of each write that failed alone. */
    interface Failures {
        void failed(Write write, Exception error);
    }

    private final BatchWriter writer;
    private final Dialect dialect;

    WriteSplitter(BatchWriter writer, Dialect dialect) {
        this.writer = writer;
        this.dialect = dialect;
    }

    /**
     * Writes all, in order, inside the caller's transaction.
     *
     * @param mayWait whether a foreign-key violation is answered with {@link MissingReferenceException} (the
     *                caller waits for the rest of the source transaction) rather than by splitting
     * @throws SQLException a failure that is not the data's (transient or fatal)
     */
    void write(Connection connection, List<Write> writes, boolean mayWait, Failures failures)
            throws SQLException, MissingReferenceException {
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
                failures.failed(writes.get(0), e);
                return;
            }
        }
        int half = writes.size() / 2;
        write(connection, writes.subList(0, half), mayWait, failures);
        write(connection, writes.subList(half, writes.size()), mayWait, failures);
    }
}
