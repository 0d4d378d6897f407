package dev.bisync.core.internal.init;

import dev.bisync.api.RejectedValueException;
import dev.bisync.core.report.RejectedRow;
import dev.bisync.spi.dialect.ColumnBinder;
import dev.bisync.spi.dialect.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a chunk's rows with the upsert statement as one JDBC batch, so that one row the target refuses does not
 * take its chunk (and table) with it: a row with a value its column cannot hold is refused by the binders before any
 * SQL and left out of the batch; when the database refuses the batch for its data (a constraint, a value the
 * binders let through), the chunk's writes are rolled back and the rows written one by one, each under a savepoint,
 * to find the ones it refuses. A transient failure (as the target dialect classifies it) is thrown, for the copy to
 * try the table again. Each refused row is logged (WARN, with table, key and reason) and returned, to be reported
 * once the chunk commits.
 */
final class RowWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RowWriter.class);

    private final CopyDirection direction;
    private final String table;
    private final ColumnBinder[] binders;
    private final String logPrefix;

    RowWriter(CopyDirection direction, String table, ColumnBinder[] binders, String logPrefix) {
        this.direction = direction;
        this.table = table;
        this.binders = binders;
        this.logPrefix = logPrefix;
    }

    /**
     * A row not written.
     *
     * @param row        what is reported
     * @param values     the row's target values, as given to {@link #write}
     * @param errorClass the error's kind, as a lane's dead letter names it: {@code RejectedValueException}, or the
     *                   driver's exception class for the database's refusal
     */
    record Refusal(RejectedRow row, Object[] values, String errorClass) {
    }

    /**
     * Writes the rows (target values in the statement's column order) in the target's open transaction.
     *
     * @return the rows not written, with why; empty when all were
     */
    List<Refusal> write(Connection target, PreparedStatement upsert, List<Object[]> rows, TableShape shape)
            throws SQLException {
        List<Refusal> refused = new ArrayList<>();
        List<Object[]> batched = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            if (bind(upsert, row, shape, refused)) {
                upsert.addBatch();
                batched.add(row);
            }
        }
        if (batched.isEmpty()) {
            return refused;
        }
        try {
            upsert.executeBatch();
            return refused;
        } catch (SQLException e) {
            if (transient_(e)) {
                throw e;
            }
            upsert.clearBatch();
            target.rollback();
            LOG.debug("{} {}: the chunk's batch was refused ({}); writing its rows one by one", logPrefix, table,
                    e.getMessage());
        }
        for (Object[] row : batched) {
            bind(upsert, row, shape, refused); // binds as before: the binders refused none of these rows
            Savepoint savepoint = target.setSavepoint();
            try {
                upsert.executeUpdate();
                target.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                if (transient_(e)) {
                    throw e;
                }
                target.rollback(savepoint);
                refused.add(refuse(shape, row, null, null, e.getMessage() + " (SQLState " + e.getSQLState()
                        + ", error " + e.getErrorCode() + ")", e.getClass().getSimpleName()));
            }
        }
        return refused;
    }

    /** Binds a row's values; false (and the row refused) when a binder refuses one of them. */
    private boolean bind(PreparedStatement upsert, Object[] row, TableShape shape, List<Refusal> refused)
            throws SQLException {
        try {
            for (int i = 0; i < row.length; i++) {
                binders[i].bind(upsert, i + 1, row[i]);
            }
            return true;
        } catch (RejectedValueException e) {
            upsert.clearParameters();
            String errorClass = e.getClass().getSimpleName();
            refused.add(e.column() == null ? refuse(shape, row, null, null, e.getMessage(), errorClass)
                    : refuse(shape, row, e.column(), e.value(), e.reason(), errorClass));
            return false;
        }
    }

    /** A row refused for a reason found outside this writer (a key that collides), reported the same way. */
    Refusal refuse(TableShape shape, Object[] row, String column, String value, String reason,
            String errorClass) {
        RejectedRow rejected = new RejectedRow(direction.run(), table,
                visible(ChunkReader.keyText(shape.keyValues(row))), column, visible(value), visible(reason));
        LOG.warn("{} row not copied: {}", logPrefix, rejected);
        return new Refusal(rejected, row, errorClass);
    }

    /** Text with its NUL characters written {@code \\0}: PostgreSQL's text (bisync_init_rejected) holds none. */
    private static String visible(String text) {
        return text == null ? null : text.replace("\u0000", "\\0");
    }

    private boolean transient_(SQLException e) {
        return direction.targetDialect().failures().classify(e) == FailureKind.TRANSIENT;
    }
}
