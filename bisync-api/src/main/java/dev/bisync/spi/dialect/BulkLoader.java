package dev.bisync.spi.dialect;

import dev.bisync.api.RejectedValueException;

import java.sql.SQLException;
import java.util.List;

/**
 * Writes rows into one empty target table by the database's bulk path (PostgreSQL {@code COPY FROM STDIN},
 * MySQL/MariaDB {@code LOAD DATA LOCAL INFILE}), faster than upserts, with exactly the conversions of the
 * dialect's {@link ValueCodecs#binder binders}: a value is stored as the binder would store it, or refused as the binder
 * refuses it. Made by {@link InitialCopy#bulkLoader} once per table copy, with each column's encoding chosen then.
 *
 * <p>Threads: used by one initial-copy thread, on the connection it was made for, inside the transaction of the
 * chunk being written; not shared.
 *
 * <p>Exceptions: a {@link RejectedValueException} fails the table's copy, as it would from a binder. An
 * {@link SQLException} (a duplicate key among them: the target was written meanwhile) makes the engine roll the
 * chunk back and write it, and the rest of the table, with upserts.
 */
@FunctionalInterface
public interface BulkLoader {

    /**
     * Writes the rows; does not commit.
     *
     * @param rows canonical values (the Java values {@link ColumnBinder#bind} takes), each row in the order of the
     *             columns the loader was made for
     * @return the number of rows written, which is {@code rows.size()}
     * @throws SQLException when the database refused the load, or did not write every row (a loader must check,
     *                      where the database only warns)
     * @throws RejectedValueException when a column cannot hold a value exactly
     */
    long load(List<Object[]> rows) throws SQLException;

    /** The bulk path's name, for logs and the copy's report, e.g. {@code COPY}; never null. */
    default String method() {
        return "bulk load";
    }
}
