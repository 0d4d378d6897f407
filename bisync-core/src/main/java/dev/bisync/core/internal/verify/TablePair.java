package dev.bisync.core.internal.verify;

import dev.bisync.api.RowImage;
import dev.bisync.core.internal.init.ChunkReader;
import dev.bisync.core.internal.init.CopyDirection;
import dev.bisync.core.internal.init.RowDigest;
import dev.bisync.core.internal.init.TableShape;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.TableMetadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One table on both sides, for a comparison: side A's rows are compared as side B holds them (through the table
 * mapper, as the lane from A to B writes them), both read with their dialect's copy readers and reduced to the
 * initial copy's canonical form ({@link RowDigest}). Side A's key is found in a row of side B by column name (the
 * key columns are mapped, not transformed). Not thread-safe.
 */
final class TablePair implements AutoCloseable {

    final String table;
    final TableShape shape;
    final ChunkReader a;
    final ChunkReader b;
    private final CopyDirection direction;
    private final List<String> names;
    /** For each compared column, its index in a row of side B. */
    private final int[] bPositions;
    /** For each key column of side A, its index in a row of side A and in a row of side B. */
    private final int[] aKeyInA;
    private final int[] aKeyInB;
    private final RowDigest hasher = new RowDigest();

    TablePair(CopyDirection direction, String table, Connection aConnection, Connection bConnection, int chunkRows)
            throws SQLException {
        this.direction = direction;
        this.table = table;
        this.shape = TableShape.read(direction, table, aConnection, bConnection);
        this.names = shape.targetNames();
        TableMetadata bTable = shape.target();
        this.bPositions = shape.targetColumns().stream().mapToInt(c -> bTable.columns().indexOf(c)).toArray();
        List<ColumnMetadata> aKey = shape.source().keyColumns();
        this.aKeyInA = aKey.stream().mapToInt(c -> shape.source().columns().indexOf(c)).toArray();
        this.aKeyInB = new int[aKey.size()];
        for (int k = 0; k < aKeyInB.length; k++) {
            String name = direction.mapper().targetColumn(shape.source().id(), aKey.get(k).name());
            ColumnMetadata column = name == null ? null : bTable.column(name);
            if (column == null) {
                throw new IllegalStateException("table " + table + ": key column " + aKey.get(k).name()
                        + " maps to no column of " + bTable.id() + "; a table is compared by key");
            }
            aKeyInB[k] = bTable.columns().indexOf(column);
        }
        this.a = new ChunkReader(aConnection, direction.sourceDialect(), shape.source(), chunkRows);
        this.b = new ChunkReader(bConnection, direction.targetDialect(), bTable, chunkRows);
    }

    /** Side A's row as side B would hold it, in compared-column order. */
    Object[] comparableA(Object[] aRow) {
        return shape.targetValues(direction.mapper(), aRow);
    }

    /** Side B's row, in compared-column order. */
    Object[] comparableB(Object[] bRow) {
        Object[] values = new Object[bPositions.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = bRow[bPositions[i]];
        }
        return values;
    }

    /** The canonical hash of a row of side A (null: no row, 0). */
    long hashA(Object[] aRow) {
        return aRow == null ? 0 : hasher.hash(names, comparableA(aRow));
    }

    /** The canonical hash of a row of side B (null: no row, 0). */
    long hashB(Object[] bRow) {
        return bRow == null ? 0 : hasher.hash(names, comparableB(bRow));
    }

    /** The normal text of a row's key, the same for both sides' rows of one key. */
    String keyTextA(Object[] aRow) {
        return shape.keyText(comparableA(aRow));
    }

    String keyTextB(Object[] bRow) {
        return shape.keyText(comparableB(bRow));
    }

    /** Side B's key values (its key order) of a row of side A. */
    Object[] bKeyOf(Object[] aRow) {
        return shape.keyValues(comparableA(aRow));
    }

    /** Side A's key values (its key order) of a row of side A. */
    Object[] aKeyOfA(Object[] aRow) {
        return pick(aRow, aKeyInA);
    }

    /** Side A's key values (its key order) of a row of side B. */
    Object[] aKeyOfB(Object[] bRow) {
        return pick(bRow, aKeyInB);
    }

    /** Side A's key, by side A's key column names. */
    RowImage keyImage(Object[] aKey) {
        LinkedHashMap<String, Object> key = new LinkedHashMap<>();
        for (int k = 0; k < aKeyInA.length; k++) {
            key.put(shape.source().columns().get(aKeyInA[k]).name(), aKey[k]);
        }
        return RowImage.wrap(key);
    }

    /** A row of side A by its column names; null for null. */
    RowImage imageA(Object[] aRow) {
        return image(shape.source(), aRow);
    }

    /** A row of side B by its column names; null for null. */
    RowImage imageB(Object[] bRow) {
        return image(shape.target(), bRow);
    }

    private static RowImage image(TableMetadata table, Object[] row) {
        if (row == null) {
            return null;
        }
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
            values.put(table.columns().get(i).name(), row[i]);
        }
        return RowImage.wrap(values);
    }

    private static Object[] pick(Object[] row, int[] index) {
        Object[] values = new Object[index.length];
        for (int i = 0; i < index.length; i++) {
            values[i] = row[index[i]];
        }
        return values;
    }

    @Override
    public void close() throws SQLException {
        try (ChunkReader ra = a; ChunkReader rb = b) {
            // both closed
        }
    }
}
