package dev.bisync.spi.dialect;

import dev.bisync.api.TableId;

import java.util.List;
import java.util.Objects;

/**
 * A target table as the target database describes it: its columns in order and its primary key.
 *
 * @param id         the table
 * @param columns    its columns, in table order
 * @param primaryKey the names of its primary-key columns, in key order; empty when it has none
 */
public record TableMetadata(TableId id, List<ColumnMetadata> columns, List<String> primaryKey) {

    public TableMetadata {
        Objects.requireNonNull(id, "id");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** The column of that exact name, or null. */
    public ColumnMetadata column(String name) {
        for (ColumnMetadata c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The primary-key columns, in key order. */
    public List<ColumnMetadata> keyColumns() {
        return primaryKey.stream().map(this::column).toList();
    }
}
