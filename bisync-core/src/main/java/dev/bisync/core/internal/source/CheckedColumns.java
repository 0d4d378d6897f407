package dev.bisync.core.internal.source;

import dev.bisync.api.RowImage;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.map.TableRoute;
import dev.bisync.core.internal.target.StatementCache;
import dev.bisync.spi.dialect.ColumnBinder;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.ColumnReader;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.TableMetadata;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The columns of one source table whose values capture may send as something else ({@link StandIn}: dates, ENUM and
 * SET labels), read once from the source's metadata: which values of a row image are candidates, and the statements
 * that read those columns back by key. The statement texts are built once per key bucket
 * ({@link TableRoute#bucketFor}); values are bound parameters.
 */
final class CheckedColumns {

    /** A table without such columns (or one the source does not have): nothing to check. */
    static final CheckedColumns NONE = new CheckedColumns(null, List.of(), List.of(), Set.of(), null);

    private final TableId table;
    /** The checked columns, and the kind of stand-in of each. */
    private final List<ColumnMetadata> columns;
    private final List<StandIn> kinds = new ArrayList<>();
    private final List<ColumnMetadata> keys;
    /** Every column of the table when it was described. */
    private final Set<String> known;
    private final List<ColumnBinder> keyBinders = new ArrayList<>();
    private final List<ColumnReader> readers = new ArrayList<>();
    private final String[] selects = new String[4];
    private final Dialect dialect;

    private CheckedColumns(TableId table, List<ColumnMetadata> columns, List<ColumnMetadata> keys, Set<String> known,
            Dialect dialect) {
        this.table = table;
        this.columns = columns;
        this.keys = keys;
        this.known = known;
        this.dialect = dialect;
    }

    /** The checked columns of a described table; {@link #NONE} when it has none, or no primary key to read them by. */
    static CheckedColumns of(TableMetadata metadata, Dialect dialect, Set<StandIn> kinds) {
        if (metadata == null || metadata.primaryKey().isEmpty()) {
            return NONE;
        }
        List<ColumnMetadata> checked = metadata.columns().stream().filter(c -> StandIn.of(c, kinds) != null).toList();
        Set<String> known = new HashSet<>();
        metadata.columns().forEach(c -> known.add(c.name()));
        if (checked.isEmpty()) {
            return new CheckedColumns(metadata.id(), List.of(), List.of(), known, dialect);
        }
        CheckedColumns table = new CheckedColumns(metadata.id(), checked, metadata.keyColumns(), known, dialect);
        for (ColumnMetadata key : table.keys) {
            table.keyBinders.add(dialect.values().binder(metadata.id(), key));
        }
        for (ColumnMetadata column : checked) {
            table.kinds.add(StandIn.of(column, kinds));
            table.readers.add(dialect.values().copyReader(column)); // the initial copy's reader: every value as it is held
        }
        return table;
    }

    /** Whether the image has a column the table did not have when it was described (a column added since). */
    boolean lacks(RowImage image) {
        if (this == NONE) {
            return false;
        }
        for (String column : image.columns()) {
            if (!known.contains(column)) {
                return true;
            }
        }
        return false;
    }

    /** The checked columns (by place) whose value in the image may be a stand-in ({@link StandIn#suspect}). */
    List<Integer> suspicious(RowImage image) {
        List<Integer> found = null;
        for (int i = 0; i < columns.size(); i++) {
            ColumnMetadata column = columns.get(i);
            if (image.has(column.name()) && kinds.get(i).suspect(image.get(column.name()), column)) {
                found = found == null ? new ArrayList<>(2) : found;
                found.add(i);
            }
        }
        return found == null ? List.of() : found;
    }

    TableId table() {
        return table;
    }

    /** The checked column at {@code index}. */
    ColumnMetadata column(int index) {
        return columns.get(index);
    }

    /** The kind of stand-in of the checked column at {@code index}. */
    StandIn kind(int index) {
        return kinds.get(index);
    }

    /** The primary-key columns, in key order. */
    List<ColumnMetadata> keys() {
        return keys;
    }

    /**
     * The source's values of the checked columns of the rows with these keys, in the order of the keys; null for a row the source no
     * longer has. One query per bucket of up to 512 keys.
     *
     * @param keyValues each row's key values in key order
     */
    List<Object[]> read(StatementCache statements, List<Object[]> keyValues) throws SQLException {
        Object[][] rows = new Object[keyValues.size()][];
        for (int from = 0; from < keyValues.size(); ) {
            int bucket = TableRoute.bucketFor(keyValues.size() - from);
            int to = Math.min(keyValues.size(), from + bucket);
            read(statements, keyValues.subList(from, to), bucket, rows, from);
            from = to;
        }
        return java.util.Arrays.asList(rows);
    }

    private void read(StatementCache statements, List<Object[]> keyValues, int bucket, Object[][] rows, int offset)
            throws SQLException {
        PreparedStatement select = statements.get(select(bucket));
        int index = 1;
        for (int pass = 0; pass < 2; pass++) { // the keys in the CASE, then in the IN list
            for (int k = 0; k < bucket; k++) {
                Object[] key = keyValues.get(Math.min(k, keyValues.size() - 1)); // a short bucket repeats its last key
                for (int c = 0; c < keyBinders.size(); c++) {
                    keyBinders.get(c).bind(select, index++, key[c]);
                }
            }
        }
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                int ordinal = rs.getInt(1);
                if (ordinal >= keyValues.size()) {
                    continue; // cannot be: a repeated key matches its first place
                }
                Object[] row = new Object[columns.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = readers.get(c).read(rs, c + 2);
                }
                rows[offset + ordinal] = row;
            }
        }
    }

    /**
     * {@code SELECT CASE WHEN k = ? THEN 0 WHEN k = ? THEN 1 ... END, c1, c2 FROM t WHERE k IN (?, ?, ...)}: each row
     * comes with the place of its key, compared by the database as it compares keys, so the keys need not be read
     * back and compared with the event's values (their types and collations differ). No UNION: its temporary table
     * would convert a date no calendar holds into the zero date under the session's {@code sql_mode}. No lock taken.
     */
    private String select(int bucket) {
        int slot = Integer.numberOfTrailingZeros(bucket) / 3; // 1, 8, 64, 512
        if (selects[slot] == null) {
            StringJoiner key = new StringJoiner(", ", keys.size() == 1 ? "" : "(", keys.size() == 1 ? "" : ")");
            keys.forEach(k -> key.add(dialect.statements().quote(k.name())));
            String one = keys.size() == 1 ? "?" : "(" + "?, ".repeat(keys.size() - 1) + "?)";
            StringBuilder sql = new StringBuilder("SELECT CASE");
            StringJoiner in = new StringJoiner(", ", " IN (", ")");
            for (int k = 0; k < bucket; k++) {
                sql.append(" WHEN ").append(key).append(" = ").append(one).append(" THEN ").append(k);
                in.add(one);
            }
            sql.append(" END");
            columns.forEach(c -> sql.append(", ").append(dialect.statements().selectExpression(c)));
            sql.append(" FROM ").append(dialect.statements().quote(table.namespace())).append('.').append(dialect.statements().quote(
                    table.name())).append(" WHERE ").append(key).append(in);
            selects[slot] = sql.toString();
        }
        return selects[slot];
    }
}
