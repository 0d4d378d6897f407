package dev.bisync.core.internal.resolve;

import dev.bisync.api.RowImage;
import dev.bisync.core.internal.map.MappedChange;
import dev.bisync.core.internal.map.RowKey;
import dev.bisync.core.internal.map.TableRoute;
import dev.bisync.core.internal.target.StatementCache;
import dev.bisync.spi.dialect.ColumnBinder;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.ColumnReader;
import dev.bisync.spi.values.CanonicalOrder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.TreeMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the target's current rows for every key a batch touches, with one query per table (per bucket of up to
 * 512 keys; a short bucket is padded by repeating its last key, so that only four statement texts exist per table).
 */
public final class CurrentRows {

    private final Supplier<StatementCache> statements;

    public CurrentRows(Supplier<StatementCache> statements) {
        this.statements = statements;
    }

    /** The identity of a row across tables: its route and its key. */
    static Object rowId(MappedChange change) {
        return new RowId(change.route(), change.key());
    }

    /** Current rows by {@link #rowId}; rows the target does not have are absent. */
    Map<Object, RowImage> load(Connection connection, List<MappedChange> changes) throws SQLException {
        // rows are locked in one order whatever the batch: tables by name, keys in key order (deadlocks between
        // the lane's transactions and the target's applications then depend on the applications' order only)
        Map<TableRoute, Map<RowKey, Object[]>> keysByTable = new TreeMap<>(Comparator.comparing(
                (TableRoute r) -> r.target().id().namespace()).thenComparing(r -> r.target().id().name()));
        for (MappedChange change : changes) {
            keysByTable.computeIfAbsent(change.route(), r -> new LinkedHashMap<>())
                    .putIfAbsent(change.key(), change.keyValues());
        }
        Map<Object, RowImage> rows = new HashMap<>();
        for (Map.Entry<TableRoute, Map<RowKey, Object[]>> e : keysByTable.entrySet()) {
            List<Object[]> keys = new ArrayList<>(e.getValue().values());
            keys.sort(CurrentRows::compareKeys);
            for (int from = 0; from < keys.size(); ) {
                int bucket = TableRoute.bucketFor(keys.size() - from);
                int to = Math.min(keys.size(), from + bucket);
                query(e.getKey(), keys.subList(from, to), bucket, rows);
                from = to;
            }
        }
        return rows;
    }

    private static int compareKeys(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int c;
            try {
                c = a[i] == null ? (b[i] == null ? 0 : -1) : b[i] == null ? 1 : CanonicalOrder.compare(a[i], b[i]);
            } catch (RuntimeException e) { // a key type the canonical order does not rank: any fixed order will do
                c = String.valueOf(a[i]).compareTo(String.valueOf(b[i]));
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The target's current row with this key (locked for update), or null. */
    public RowImage one(TableRoute route, Object[] keyValues) throws SQLException {
        Map<Object, RowImage> rows = new HashMap<>();
        query(route, List.<Object[]>of(keyValues), 1, rows);
        return rows.isEmpty() ? null : rows.values().iterator().next();
    }

    private void query(TableRoute route, List<Object[]> keys, int bucket, Map<Object, RowImage> rows)
            throws SQLException {
        PreparedStatement select = statements.get().get(route.selectSql(bucket));
        List<ColumnMetadata> keyColumns = route.keyColumns();
        List<ColumnBinder> keyBinders = route.keyBinders();
        int index = 1;
        for (int k = 0; k < bucket; k++) {
            Object[] key = keys.get(Math.min(k, keys.size() - 1));
            for (int c = 0; c < keyBinders.size(); c++) {
                keyBinders.get(c).bind(select, index++, key[c]);
            }
        }
        List<ColumnMetadata> columns = route.target().columns();
        List<ColumnReader> readers = route.readers();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                LinkedHashMap<String, Object> row = new LinkedHashMap<>(columns.size() * 2);
                for (int c = 0; c < columns.size(); c++) {
                    row.put(columns.get(c).name(), readers.get(c).read(rs, c + 1));
                }
                Object[] keyValues = new Object[keyColumns.size()];
                for (int c = 0; c < keyValues.length; c++) {
                    keyValues[c] = row.get(keyColumns.get(c).name());
                }
                rows.put(new RowId(route, RowKey.of(keyValues)), RowImage.wrap(row));
            }
        }
    }

    /** A row of a table; routes compare by identity (one route object per table and lane). */
    private record RowId(TableRoute route, RowKey key) {
    }
}
