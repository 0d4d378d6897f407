package dev.bisync.spi.dialect;

import dev.bisync.api.RejectedValueException;
import dev.bisync.api.TableId;
import dev.bisync.api.UnrepresentableValue;
import dev.bisync.spi.values.UnfitValueException;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Binds canonical values (see {@link dev.bisync.api.RowImage}) to the parameters of one target column, with the
 * conversion chosen once from the column's metadata ({@link ValueCodecs#binder}) and then called for every value.
 *
 * <p>Threads: called on a lane's applier thread; instances are kept per table and must be stateless.
 *
 * <p>Exceptions: a {@link RejectedValueException} sends the one event to the dead-letter topic; an
 * {@link SQLException} is classified by {@link Failures#classify}; any other runtime exception stops the lane.
 */
@FunctionalInterface
public interface ColumnBinder {

    /**
     * Binds a value, converted to what the column holds.
     *
     * @param value the canonical value; null for SQL NULL (a binder made by {@link #checked} handles it)
     * @throws RejectedValueException when the column cannot hold the value exactly (the reason names table,
     *                                column and value)
     */
    void bind(PreparedStatement statement, int index, Object value) throws SQLException;

    /**
     * A binder that sets SQL NULL as {@code nullType} for a null value, refuses an {@link UnrepresentableValue}
     * with its reason, calls {@code setter} for any other, and turns the {@link UnfitValueException} it throws into
     * the {@link RejectedValueException} naming {@code table}, {@code column} and the value.
     *
     * @param nullType the {@link java.sql.Types} code to bind NULL as
     * @param setter   binds a non-null value; may throw {@link UnfitValueException}
     */
    static ColumnBinder checked(TableId table, ColumnMetadata column, int nullType, ColumnBinder setter) {
        return (statement, index, value) -> {
            if (value == null) {
                statement.setNull(index, nullType);
                return;
            }
            try {
                UnfitValueException.refuseUnrepresentable(value);
                setter.bind(statement, index, value);
            } catch (UnfitValueException e) {
                throw e.rejection(table, column.name(), column.typeName(), value);
            }
        };
    }
}
