package dev.bisync.spi.dialect;

import dev.bisync.api.TableId;

/**
 * A {@link Dialect}'s conversions between canonical values (see {@link dev.bisync.api.RowImage}) and its columns,
 * chosen from a column's metadata (type, length, precision, scale, signedness, members). Each is asked for once per
 * column when the engine first uses a table (and again after its metadata is read anew); the engine keeps it with
 * the table's statements and calls it for every value, on the lane's or the copy's thread.
 */
public interface ValueCodecs {

    /**
     * The conversion that binds canonical values to {@code column}'s parameters, converted to what the column holds.
     * {@link ColumnBinder#checked} gives the null handling and the rejection.
     *
     * @return the binder; never null. It throws {@link dev.bisync.api.RejectedValueException} when the column cannot
     *         hold a value exactly (the reason names table, column and value), which dead-letters that one event
     */
    ColumnBinder binder(TableId table, ColumnMetadata column);

    /**
     * The conversion that reads {@code column} as a canonical value, as capture sends it, so that the lanes compare
     * target rows with captured ones like with like.
     *
     * @return the reader; never null
     */
    ColumnReader reader(ColumnMetadata column);

    /**
     * The conversion the initial copy and its verification read a source column with: every value the column can
     * hold, including those that capture cannot carry and no target can hold (a MariaDB zero date, February 31, a
     * PostgreSQL numeric {@code NaN}), which it reads as {@link dev.bisync.api.UnrepresentableValue} so that the copy
     * refuses the row with the reason and the verification tells the value from what a lane wrote.
     *
     * @return the reader; never null. By default {@link #reader}
     */
    default ColumnReader copyReader(ColumnMetadata column) {
        return reader(column);
    }
}
