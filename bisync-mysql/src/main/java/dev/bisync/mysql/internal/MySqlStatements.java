package dev.bisync.mysql.internal;

import dev.bisync.api.TableId;
import dev.bisync.spi.ColumnMetadata;
import dev.bisync.spi.TableMetadata;

import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The SQL texts of the MySQL/MariaDB dialect. Every identifier goes through {@link #quote}, every value is a
 * parameter. The upsert is {@code INSERT ... VALUES (...) ON DUPLICATE KEY UPDATE c = VALUES(c)}: MariaDB has no
 * row alias ({@code AS new}), MySQL 8 still accepts {@code VALUES()} (deprecated), and mysql-connector-j's
 * {@code rewriteBatchedStatements} turns a batch of it into one multi-row statement.
 *
 * <p>Unlike PostgreSQL's {@code ON CONFLICT (key)}, {@code ON DUPLICATE KEY} also fires on a clash with another
 * unique key: there it updates the row that holds that unique value.
 */
final class MySqlStatements {

    private MySqlStatements() {
    }

    /** A backtick-quoted identifier, inner backticks doubled. */
    static String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    static String table(TableId table) {
        return quote(table.namespace()) + "." + quote(table.name());
    }

    static String upsert(TableMetadata table, List<ColumnMetadata> columns) {
        List<String> key = requireKey(table);
        for (String k : key) {
            if (columns.stream().noneMatch(c -> c.name().equals(k))) {
                throw new IllegalArgumentException("an upsert into " + table.id() + " must set key column " + k);
            }
        }
        StringJoiner updates = new StringJoiner(", ");
        for (ColumnMetadata c : columns) {
            if (!key.contains(c.name())) {
                updates.add(quote(c.name()) + " = VALUES(" + quote(c.name()) + ")");
            }
        }
        if (updates.length() == 0) {
            // every column is a key column: an existing row stays as it is (INSERT IGNORE would hide other errors)
            updates.add(quote(key.get(0)) + " = " + quote(key.get(0)));
        }
        return "INSERT INTO " + table(table.id()) + " (" + join(columns, c -> quote(c.name())) + ") VALUES ("
                + join(columns, c -> "?") + ") ON DUPLICATE KEY UPDATE " + updates;
    }

    static String delete(TableMetadata table) {
        StringJoiner where = new StringJoiner(" AND ");
        requireKey(table).forEach(k -> where.add(quote(k) + " = ?"));
        return "DELETE FROM " + table(table.id()) + " WHERE " + where;
    }

    static String selectByKeys(TableMetadata table, int keyCount) {
        if (keyCount < 1) {
            throw new IllegalArgumentException("keyCount must be at least 1: " + keyCount);
        }
        List<String> key = requireKey(table);
        String one = key.size() == 1 ? "?" : "(" + join(key, k -> "?") + ")";
        String keys = key.size() == 1 ? quote(key.get(0)) : "(" + join(key, MySqlStatements::quote) + ")";
        StringJoiner values = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < keyCount; i++) {
            values.add(one);
        }
        return "SELECT " + join(table.columns(), c -> MySqlValueReader.selectExpression(c, quote(c.name()))) + " FROM "
                + table(table.id()) + " WHERE " + keys + " IN " + values + " ORDER BY "
                + join(key, MySqlStatements::quote) + " FOR UPDATE";
    }

    private static List<String> requireKey(TableMetadata table) {
        if (table.primaryKey().isEmpty()) {
            throw new IllegalArgumentException(table.id() + " has no primary key: bisync writes rows by key, "
                    + "add a primary key to the table");
        }
        return table.primaryKey();
    }

    private static <T> String join(List<T> items, Function<T, String> text) {
        StringJoiner joiner = new StringJoiner(", ");
        items.forEach(item -> joiner.add(text.apply(item)));
        return joiner.toString();
    }
}
