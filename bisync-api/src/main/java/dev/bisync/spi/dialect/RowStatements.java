package dev.bisync.spi.dialect;

import dev.bisync.api.TableId;

import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The SQL texts a {@link Dialect} writes and locks rows with. Every identifier goes through {@link #quote} (it has
 * been checked against the target's metadata before), every value is a parameter. A dialect supplies the quoting and
 * its {@link #upsertClause upsert clause}; the statements themselves are standard SQL and written here once, and a
 * dialect overrides one only where its database needs another form. Asked for once per table shape and cached by
 * the engine; an exception (a table without a primary key) fails the table's first use.
 */
public interface RowStatements {

    /** The identifier quoted for this database, inner quote characters doubled. */
    String quote(String identifier);

    /**
     * The clause that makes an {@code INSERT INTO table (…) VALUES (…)} an upsert: on a conflict of the primary key
     * {@code key}, the columns {@code fromInsert} take the inserted values and {@code toNow} the current time
     * ({@link StoreSyntax#now()}). When both lists are empty an existing row stays as it is. Used for the lanes'
     * upserts and for bisync's own tables.
     */
    String upsertClause(List<String> key, List<String> fromInsert, List<String> toNow);

    /** The table's qualified name, {@code namespace.name}, each part quoted. */
    default String table(TableId table) {
        return quote(table.namespace()) + "." + quote(table.name());
    }

    /**
     * The expression that selects {@code column} for its {@link ValueCodecs#reader reader}, where the column's own
     * text would lose part of the value (MariaDB sends a {@code FLOAT} with 6 significant digits; as a {@code DOUBLE}
     * it is exact). Default: the quoted column name.
     */
    default String selectExpression(ColumnMetadata column) {
        return quote(column.name());
    }

    /**
     * The statement that inserts one row or, when its primary key exists, overwrites the given columns. Parameters:
     * the values of {@code columns}, in order; they include every key column.
     */
    default String upsertSql(TableMetadata table, List<ColumnMetadata> columns) {
        List<String> key = requireKey(table);
        for (String k : key) {
            if (columns.stream().noneMatch(c -> c.name().equals(k))) {
                throw new IllegalArgumentException("an upsert into " + table.id() + " must set key column " + k);
            }
        }
        List<String> others = columns.stream().map(ColumnMetadata::name).filter(c -> !key.contains(c)).toList();
        return "INSERT INTO " + table(table.id()) + " (" + join(columns, c -> quote(c.name())) + ") VALUES ("
                + join(columns, c -> "?") + ") " + upsertClause(key, others, List.of());
    }

    /** The statement that deletes one row by primary key. Parameters: the key values, in key order. */
    default String deleteSql(TableMetadata table) {
        StringJoiner where = new StringJoiner(" AND ");
        requireKey(table).forEach(k -> where.add(quote(k) + " = ?"));
        return "DELETE FROM " + table(table.id()) + " WHERE " + where;
    }

    /**
     * The query that returns all columns of the rows with any of {@code keyCount} primary keys, and locks them until
     * the transaction ends ({@code FOR UPDATE}), so that no other session changes a row between the moment the
     * engine decides about it and the moment it writes it. It locks them in key order ({@code ORDER BY} the key),
     * whatever the plan, so that the lane always takes its row locks in one order. Parameters: the key values of each
     * key in turn, in key order. Columns come back in table order, each through {@link #selectExpression}.
     */
    default String selectByKeysSql(TableMetadata table, int keyCount) {
        if (keyCount < 1) {
            throw new IllegalArgumentException("keyCount must be at least 1: " + keyCount);
        }
        List<String> key = requireKey(table);
        String one = key.size() == 1 ? "?" : "(" + join(key, k -> "?") + ")";
        String keys = key.size() == 1 ? quote(key.get(0)) : "(" + join(key, this::quote) + ")";
        StringJoiner values = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < keyCount; i++) {
            values.add(one);
        }
        return "SELECT " + join(table.columns(), this::selectExpression) + " FROM " + table(table.id()) + " WHERE "
                + keys + " IN " + values + " ORDER BY " + join(key, this::quote) + " FOR UPDATE";
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
