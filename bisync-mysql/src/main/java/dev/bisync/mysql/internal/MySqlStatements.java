package dev.bisync.mysql.internal;

import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.RowStatements;
import dev.bisync.spi.dialect.StoreSyntax;
import dev.bisync.spi.dialect.StoreType;

import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL texts of the MySQL/MariaDB dialect, and the column types of bisync's own tables there. The upsert is {@code INSERT ... VALUES (...) ON DUPLICATE KEY UPDATE c = VALUES(c)}: MariaDB has no
 * row alias ({@code AS new}), MySQL 8 still accepts {@code VALUES()} (deprecated), and mysql-connector-j's
 * {@code rewriteBatchedStatements} turns a batch of it into one multi-row statement.
 *
 * <p>Unlike PostgreSQL's {@code ON CONFLICT (key)}, {@code ON DUPLICATE KEY} also fires on a clash with another
 * unique key: there it updates the row that holds that unique value.
 */
final class MySqlStatements implements RowStatements, StoreSyntax {

    static final MySqlStatements SQL = new MySqlStatements();

    private MySqlStatements() {
    }

    /** A backtick-quoted identifier, inner backticks doubled. */
    @Override
    public String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    public String upsertClause(List<String> key, List<String> fromInsert, List<String> toNow) {
        StringJoiner set = new StringJoiner(", ");
        fromInsert.forEach(c -> set.add(quote(c) + " = VALUES(" + quote(c) + ")"));
        toNow.forEach(c -> set.add(quote(c) + " = " + now()));
        if (set.length() == 0) {
            // every column is a key column: an existing row stays as it is (INSERT IGNORE would hide other errors)
            set.add(quote(key.get(0)) + " = " + quote(key.get(0)));
        }
        return "ON DUPLICATE KEY UPDATE " + set;
    }

    @Override
    public String selectExpression(ColumnMetadata column) {
        return MySqlValueReader.selectExpression(column, quote(column.name()));
    }

    @Override
    public String type(StoreType type, int length) {
        return switch (type) {
            case GENERATED_KEY -> "bigint NOT NULL AUTO_INCREMENT";
            case VARCHAR -> "varchar(" + length + ")";
            case TEXT -> "longtext";
            case INT -> "int";
            case BIGINT -> "bigint";
            case INSTANT -> "datetime(6)";
        };
    }

    @Override
    public String now() {
        return "CURRENT_TIMESTAMP(6)";
    }

    @Override
    public String tableOptions() {
        return "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
    }
}
