package dev.bisync.postgres.internal;

import dev.bisync.api.TableId;
import dev.bisync.spi.ColumnMetadata;
import dev.bisync.spi.TableMetadata;

import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The SQL texts of the PostgreSQL dialect. Every identifier goes through {@link #quote}, every value is a
 * parameter. The upsert keeps pgjdbc's {@code reWriteBatchedInserts} working: it is a plain
 * {@code INSERT ... VALUES (...)} with {@code ON CONFLICT}, without casts or {@code RETURNING}; parameters of types
 * the driver has no setter for (json, enum, inet ...) are bound as untyped ({@code Types.OTHER}) instead, and the
 * server takes the column's type.
 */
final class PostgresStatements {

    private PostgresStatements() {
    }

    /** A double-quoted identifier, inner double quotes doubled. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
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
                updates.add(quote(c.name()) + " = EXCLUDED." + quote(c.name()));
            }
        }
        return "INSERT INTO " + table(table.id()) + " (" + join(columns, c -> quote(c.name())) + ") VALUES ("
                + join(columns, c -> "?") + ") ON CONFLICT (" + join(key, PostgresStatements::quote) + ") DO "
                + (updates.length() == 0 ? "NOTHING" : "UPDATE SET " + updates);
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
        String keys = key.size() == 1 ? quote(key.get(0)) : "(" + join(key, PostgresStatements::quote) + ")";
        StringJoiner values = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < keyCount; i++) {
            values.add(one);
        }
        return "SELECT " + join(table.columns(), c -> quote(c.name())) + " FROM " + table(table.id()) + " WHERE "
                + keys + " IN " + values + " ORDER BY " + join(key, PostgresStatements::quote) + " FOR UPDATE";
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
