package dev.bisync.core.internal.init;

import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.TableMetadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys a target table holds for a chunk's rows, found with the lanes' key query ({@link dev.bisync.spi.dialect.RowStatements#selectByKeysSql})
 * in buckets of {@value #BUCKET} keys: the target compares them in its own way (its collation), so a row may find a
 * key that is not its own. Stateless.
 */
final class TargetKeys {

    /** How many keys one query asks for. */
    private static final int BUCKET = 500;

    private TargetKeys() {
    }

    /** The keys found (values in key column order, as the target reads them), in the caller's transaction. */
    static List<Object[]> read(Connection target, Dialect dialect, TableShape shape, List<Object[]> rows)
            throws SQLException {
        TableMetadata table = shape.target();
        List<ColumnMetadata> keyColumns = table.keyColumns();
        int[] keyPositions = keyColumns.stream().mapToInt(k -> table.columns().indexOf(k)).toArray();
        List<Object[]> keys = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += BUCKET) {
            List<Object[]> bucket = rows.subList(from, Math.min(rows.size(), from + BUCKET));
            try (PreparedStatement ps = target.prepareStatement(dialect.statements().selectByKeysSql(table, bucket.size()))) {
                int p = 1;
                for (Object[] row : bucket) {
                    for (int k = 0; k < keyColumns.size(); k++) {
                        dialect.values().binder(table.id(), keyColumns.get(k)).bind(ps, p++, row[shape.targetKeyIndex()[k]]);
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object[] key = new Object[keyPositions.length];
                        for (int k = 0; k < keyPositions.length; k++) {
                            key[k] = dialect.values().reader(keyColumns.get(k)).read(rs, keyPositions[k] + 1);
                        }
                        keys.add(key);
                    }
                }
            }
        }
        return keys;
    }

    /** A key's normal text, as {@link TableShape#keyText} gives it for a row. */
    static String text(Object[] key) {
        StringBuilder sb = new StringBuilder();
        for (Object v : key) {
            sb.append(RowDigest.normal(v)).append('\u0000');
        }
        return sb.toString();
    }
}
