package dev.bisync.spi.dialect;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * Reads one target column of a result row as a canonical value (see {@link dev.bisync.api.RowImage}), with the
 * conversion chosen once from the column's metadata ({@link ValueCodecs#reader}) and then called for every row.
 *
 * <p>Threads: called on a lane's applier thread; instances are kept per table and must be stateless. An
 * {@link SQLException} is classified by {@link Failures#classify}; any other exception stops the lane.
 */
@FunctionalInterface
public interface ColumnReader {

    /**
     * Reads the column at {@code index} of the current row.
     *
     * @return the canonical value, or null for SQL NULL
     */
    Object read(ResultSet resultSet, int index) throws SQLException;

    /**
     * A reader that returns null for SQL NULL whatever {@code read} returns then (a primitive getter's 0 or false).
     */
    static ColumnReader nullAware(ColumnReader read) {
        return (resultSet, index) -> {
            Object value = read.read(resultSet, index);
            return resultSet.wasNull() ? null : value;
        };
    }

    /** A reader that parses the column's text form with {@code parse}; SQL NULL reads as null. */
    static ColumnReader fromText(Function<String, ?> parse) {
        return (resultSet, index) -> {
            String text = resultSet.getString(index);
            return text == null ? null : parse.apply(text);
        };
    }
}
