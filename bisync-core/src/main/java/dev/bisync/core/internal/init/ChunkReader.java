package dev.bisync.core.internal.init;

import dev.bisync.api.UnrepresentableValue;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.ColumnReader;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.TableMetadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Reads a table in primary-key order, a chunk of at most {@code chunkRows} rows at a time, each chunk starting after
 * the last key of the one before (keyset pagination: the database compares the keys, in its own collation), so that
 * memory holds one chunk whatever the table's size. Values are selected by {@link dev.bisync.spi.dialect.RowStatements#selectExpression} and read
 * with the dialect's copy readers ({@link dev.bisync.spi.dialect.ValueCodecs#copyReader}, made once per column: every value the source holds).
 * The two statements are built once per table. Runs inside the caller's transaction (one snapshot for all chunks). A
 * resumed copy starts after a given key rather than at the first row.
 */
public final class ChunkReader implements AutoCloseable {

    private final Dialect dialect;
    private final TableMetadata table;
    private final ColumnReader[] readers;
    private final List<ColumnMetadata> key;
    private final int[] keyIndex;
    private final PreparedStatement first;
    private final PreparedStatement after;
    private final Connection connection;
    private final String byKeySql;
    private final String from;
    private final String keys;
    private final String marks;
    private final java.util.Map<String, PreparedStatement> ranges = new java.util.HashMap<>();
    private PreparedStatement byKey;
    private Object[] lastKey;

    /** A reader from the first row. */
    public ChunkReader(Connection connection, Dialect dialect, TableMetadata table, int chunkRows) throws SQLException {
        this(connection, dialect, table, chunkRows, null);
    }

    /** A reader from the first row ({@code startAfter} null) or from the row after the key {@code startAfter}. */
    ChunkReader(Connection connection, Dialect dialect, TableMetadata table, int chunkRows, Object[] startAfter)
            throws SQLException {
        this.dialect = dialect;
        this.table = table;
        this.readers = table.columns().stream().map(dialect.values()::copyReader).toArray(ColumnReader[]::new);
        this.key = table.keyColumns();
        this.keyIndex = key.stream().mapToInt(k -> table.columns().indexOf(k)).toArray();
        StringJoiner columns = new StringJoiner(", ");
        table.columns().forEach(c -> columns.add(dialect.statements().selectExpression(c)));
        StringJoiner keys = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        key.forEach(k -> {
            keys.add(dialect.statements().quote(k.name()));
            marks.add("?");
        });
        String from = "SELECT " + columns + " FROM " + dialect.statements().quote(table.id().namespace()) + "."
                + dialect.statements().quote(table.id().name());
        String order = " ORDER BY " + keys + " LIMIT " + chunkRows;
        this.first = connection.prepareStatement(from + order);
        this.after = connection.prepareStatement(from + " WHERE (" + keys + ") > (" + marks + ")" + order);
        this.connection = connection;
        this.byKeySql = from + " WHERE (" + keys + ") = (" + marks + ")";
        this.from = from;
        this.keys = keys.toString();
        this.marks = marks.toString();
        this.lastKey = startAfter;
    }

    /** The next chunk's rows (values in table column order); empty at the end. */
    public List<Object[]> next() throws SQLException {
        PreparedStatement ps = lastKey == null ? first : after;
        if (lastKey != null) {
            bindKey(ps, lastKey);
        }
        List<Object[]> rows = new ArrayList<>();
        int width = readers.length;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs, width));
            }
        }
        if (!rows.isEmpty()) {
            Object[] last = rows.get(rows.size() - 1);
            lastKey = new Object[keyIndex.length];
            for (int i = 0; i < keyIndex.length; i++) {
                lastKey[i] = last[keyIndex[i]];
            }
        }
        return rows;
    }

    /**
     * The row with this key (values in key column order), as the source holds it now (values in table column order,
     * read like a chunk's); null when it holds none. For a replay of a row the copy refused.
     */
    public Object[] row(Object[] key) throws SQLException {
        if (byKey == null) {
            byKey = connection.prepareStatement(byKeySql);
        }
        bindKey(byKey, key);
        try (ResultSet rs = byKey.executeQuery()) {
            return rs.next() ? row(rs, readers.length) : null;
        }
    }

    /**
     * The rows whose keys lie after {@code after} and up to {@code upTo} (both in key column order; null: no bound),
     * in key order, as the database compares keys: a range of another side's chunk, for a comparison while the
     * lanes run. All the range's rows are read at once.
     */
    public List<Object[]> range(Object[] after, Object[] upTo) throws SQLException {
        String variant = (after == null ? "-" : ">") + (upTo == null ? "-" : "<");
        PreparedStatement ps = ranges.get(variant);
        if (ps == null) {
            String where = after == null && upTo == null ? "" : " WHERE "
                    + (after == null ? "" : "(" + keys + ") > (" + marks + ")")
                    + (after != null && upTo != null ? " AND " : "")
                    + (upTo == null ? "" : "(" + keys + ") <= (" + marks + ")");
            ps = connection.prepareStatement(from + where + " ORDER BY " + keys);
            ranges.put(variant, ps);
        }
        if (after != null) {
            bindKey(ps, after, 0);
        }
        if (upTo != null) {
            bindKey(ps, upTo, after == null ? 0 : key.size());
        }
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs, readers.length));
            }
        }
        return rows;
    }

    private Object[] row(ResultSet rs, int width) throws SQLException {
        Object[] row = new Object[width];
        for (int i = 0; i < width; i++) {
            row[i] = readers[i].read(rs, i + 1);
        }
        return row;
    }

    /**
     * Binds a key's values. A value no target holds ({@link UnrepresentableValue}: a zero or invalid date in the
     * key) is bound as the source's own text, which the source database compares with its column as it stored it,
     * so that the keyset paging goes on past such a key (the row itself is refused by the target's binders).
     */
    private void bindKey(PreparedStatement ps, Object[] values) throws SQLException {
        bindKey(ps, values, 0);
    }

    private void bindKey(PreparedStatement ps, Object[] values, int offset) throws SQLException {
        for (int i = 0; i < key.size(); i++) {
            if (values[i] instanceof UnrepresentableValue u) {
                ps.setString(offset + i + 1, u.text());
            } else {
                dialect.values().binder(table.id(), key.get(i)).bind(ps, offset + i + 1, values[i]);
            }
        }
    }

    /** The key of the last row read (values in key column order); null before the first chunk. */
    Object[] lastKey() {
        return lastKey;
    }

    /** The key of the last row read, in normal text, for the progress table; null before the first chunk. */
    String lastKeyText() {
        return lastKey == null ? null : keyText(lastKey);
    }

    /** A key's values in normal text, for people: {@code (120000)}. */
    public static String keyText(Object[] key) {
        StringJoiner text = new StringJoiner(", ", "(", ")");
        for (Object v : key) {
            text.add(v instanceof UnrepresentableValue u ? u.text() : RowDigest.normal(v));
        }
        return text.toString();
    }

    @Override
    public void close() throws SQLException {
        try (first; after; PreparedStatement keyed = byKey) {
            for (PreparedStatement ps : ranges.values()) {
                ps.close();
            }
        }
    }
}
