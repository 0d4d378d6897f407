package dev.bisync.spi.dialect;

import java.sql.SQLException;

/**
 * A {@link Dialect}'s reading of its database's errors, which decides whether the engine retries, dead-letters the
 * one event, or stops the lane. Called on the thread that met the error; must not throw.
 */
public interface Failures {

    /** How bad an error from this database is. */
    FailureKind classify(SQLException error);

    /**
     * Whether the error is a foreign-key violation: a row refers to a row that is not there (yet), or a row still
     * referred to was to be deleted. The engine then waits for more changes of the same source transaction, which
     * may sit in a later batch (another topic), before it dead-letters anything. Default: never.
     */
    default boolean isMissingReference(SQLException error) {
        return false;
    }
}
