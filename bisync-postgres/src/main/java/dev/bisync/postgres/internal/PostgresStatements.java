package dev.bisync.postgres.internal;

import dev.bisync.spi.dialect.RowStatements;
import dev.bisync.spi.dialect.StoreSyntax;
import dev.bisync.spi.dialect.StoreType;

import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL texts of the PostgreSQL dialect, and the column types of bisync's own tables there. The upsert keeps pgjdbc's {@code reWriteBatchedInserts} working: it is a plain
 * {@code INSERT ... VALUES (...)} with {@code ON CONFLICT}, without casts or {@code RETURNING}; parameters of types
 * the driver has no setter for (json, enum, inet ...) are bound as untyped ({@code Types.OTHER}) instead, and the
 * server takes the column's type.
 */
final class PostgresStatements implements RowStatements, StoreSyntax {

    static final PostgresStatements SQL = new PostgresStatements();

    private PostgresStatements() {
    }

    /** A double-quoted identifier, inner double quotes doubled. */
    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String upsertClause(List<String> key, List<String> fromInsert, List<String> toNow) {
        StringJoiner set = new StringJoiner(", ");
        fromInsert.forEach(c -> set.add(quote(c) + " = EXCLUDED." + quote(c)));
        toNow.forEach(c -> set.add(quote(c) + " = " + now()));
        StringJoiner conflict = new StringJoiner(", ");
        key.forEach(c -> conflict.add(quote(c)));
        return "ON CONFLICT (" + conflict + ") DO " + (set.length() == 0 ? "NOTHING" : "UPDATE SET " + set);
    }

    @Override
    public String type(StoreType type, int length) {
        return switch (type) {
            case GENERATED_KEY -> "bigint GENERATED ALWAYS AS IDENTITY";
            case VARCHAR -> "varchar(" + length + ")";
            case TEXT -> "text";
            case INT -> "integer";
            case BIGINT -> "bigint";
            case INSTANT -> "timestamptz";
        };
    }

    @Override
    public String now() {
        return "now()";
    }
}
