package dev.bisync.spi;

import dev.bisync.api.TableId;

/**
 * Maps a source table and its columns to the target. The default maps every name to itself, in the target
 * side's namespace.
 *
 * <p>Called on a lane's thread: {@link #targetTable} and {@link #targetColumn} once per table when it is first
 * seen (the result is cached, and checked against the target's metadata); {@link #transform} for every value.
 * An exception from {@link #transform} sends that one event to the dead-letter topic; from the others, it stops
 * the lane.
 */
public interface TableMapper {

    /** Maps every name to itself. */
    TableMapper IDENTITY = new TableMapper() { };

    /** The target table for a source table; {@code targetNamespace} is the target side's configured namespace. */
    default TableId targetTable(TableId source, String targetNamespace) {
        return new TableId(targetNamespace, source.name());
    }

    /** The target column for a source column; null leaves the column out. */
    default String targetColumn(TableId source, String column) {
        return column;
    }

    /** The value to write for a source column's canonical value. */
    default Object transform(TableId source, String column, Object value) {
        return value;
    }
}
