package dev.bisync.core.internal.init;

import dev.bisync.api.BisyncException;
import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.TableMapper;
import dev.bisync.spi.dialect.TableMetadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A table on both sides, read once per copy: the source's columns, the target column each maps to (through the
 * sync's {@link TableMapper}, checked against the target's metadata), and where the target's key columns sit in a
 * source row.
 *
 * @param source        the source table
 * @param target        the target table
 * @param sourceIndex   for each copied column, its index in a source row
 * @param targetColumns for each copied column, the target column
 * @param targetKeyIndex for each target key column, in key order, its index among the copied columns
 */
public record TableShape(TableMetadata source, TableMetadata target, int[] sourceIndex, List<ColumnMetadata> targetColumns,
        int[] targetKeyIndex) {

    public static TableShape read(CopyDirection direction, String table, Connection sourceConnection,
            Connection targetConnection) throws SQLException {
        TableId sourceId = direction.sourceTable(table);
        TableId targetId = direction.targetTable(table);
        TableMetadata source = direction.sourceDialect().catalog().describe(sourceConnection, sourceId);
        TableMetadata target = direction.targetDialect().catalog().describe(targetConnection, targetId);
        String what = sourceId + " (" + direction.source().name() + " to " + direction.target().name() + "): ";
        if (source == null || target == null) {
            throw new BisyncException(what + "table " + (source == null ? sourceId
                    + " does not exist on side " + direction.source().name() : targetId + " does not exist on side "
                    + direction.target().name()) + "; create it, or take it out of the side's tables");
        }
        if (source.primaryKey().isEmpty() || target.primaryKey().isEmpty()) {
            throw new BisyncException(what + (source.primaryKey().isEmpty() ? sourceId
                    : targetId) + " has no primary key; the copy reads and writes by key (so do the lanes): add one");
        }
        List<Integer> index = new ArrayList<>();
        List<ColumnMetadata> columns = new ArrayList<>();
        for (int i = 0; i < source.columns().size(); i++) {
            String name = direction.mapper().targetColumn(sourceId, source.columns().get(i).name());
            if (name == null) {
                continue;
            }
            ColumnMetadata column = target.column(name);
            if (column == null) {
                throw new BisyncException(what + "column " + source.columns().get(i).name()
                        + " maps to " + targetId + "." + name + ", which does not exist; add the column or map it "
                        + "elsewhere in the TableMapper");
            }
            index.add(i);
            columns.add(column);
        }
        int[] keyIndex = new int[target.primaryKey().size()];
        for (int k = 0; k < keyIndex.length; k++) {
            keyIndex[k] = columns.indexOf(target.column(target.primaryKey().get(k)));
            if (keyIndex[k] < 0) {
                throw new BisyncException(what + "no source column maps to key column "
                        + targetId + "." + target.primaryKey().get(k));
            }
        }
        return new TableShape(source, target, index.stream().mapToInt(Integer::intValue).toArray(), columns, keyIndex);
    }

    /** The target values of a source row, transformed by the mapper, in {@link #targetColumns} order. */
    public Object[] targetValues(TableMapper mapper, Object[] sourceRow) {
        Object[] values = new Object[sourceIndex.length];
        for (int i = 0; i < sourceIndex.length; i++) {
            ColumnMetadata column = source.columns().get(sourceIndex[i]);
            values[i] = mapper.transform(source.id(), column.name(), sourceRow[sourceIndex[i]]);
        }
        return values;
    }

    /** The target column names, in {@link #targetColumns} order. */
    public List<String> targetNames() {
        return targetColumns.stream().map(ColumnMetadata::name).toList();
    }

    /** A row's target key values, in key order (values in {@link #targetColumns} order). */
    public Object[] keyValues(Object[] targetValues) {
        Object[] key = new Object[targetKeyIndex.length];
        for (int k = 0; k < key.length; k++) {
            key[k] = targetValues[targetKeyIndex[k]];
        }
        return key;
    }

    /** The normal text of a row's target key (values in {@link #targetColumns} order). */
    public String keyText(Object[] targetValues) {
        StringBuilder sb = new StringBuilder();
        for (int i : targetKeyIndex) {
            sb.append(RowDigest.normal(targetValues[i])).append('\u0000');
        }
        return sb.toString();
    }

}
