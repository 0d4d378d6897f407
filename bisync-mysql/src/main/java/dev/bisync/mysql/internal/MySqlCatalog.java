package dev.bisync.mysql.internal;

import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.Catalog;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.TableMetadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a table's columns and primary key from {@code information_schema}. Type names are {@code DATA_TYPE} with
 * {@code unsigned} appended for unsigned numbers ({@code bigint unsigned}); a MariaDB {@code JSON} column (a
 * {@code longtext} with a {@code json_valid} check) is {@code json}. Sizes: characters for {@code char} and
 * {@code varchar}, bytes for {@code binary}, {@code varbinary} and the text and blob types, digits for numbers, bits
 * for {@code bit}, fractional-second digits for temporal types. ENUM and SET members come from {@code COLUMN_TYPE}.
 *
 * <p>{@code information_schema} compares names without regard to case; rows are kept only when they match the
 * table's name exactly, as the server (with {@code lower_case_table_names=0}) does.
 */
final class MySqlCatalog implements Catalog {

    private final boolean jsonIsCheckedText;


    private static final String COLUMNS = "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, "
            + "CHARACTER_MAXIMUM_LENGTH, CHARACTER_OCTET_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, "
            + "DATETIME_PRECISION, IS_NULLABLE FROM information_schema.COLUMNS "
            + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
    private static final String PRIMARY_KEY = "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME "
            + "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
            + "AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX";
    /** MariaDB: {@code JSON} is {@code LONGTEXT CHECK (json_valid(col))}, a column-level constraint named as it. */
    private static final String JSON_COLUMNS = "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME "
            + "FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ? "
            + "AND LEVEL = 'Column' AND CHECK_CLAUSE LIKE 'json\\_valid(%'";

    /** @param jsonIsCheckedText whether JSON columns are LONGTEXT with a {@code json_valid} check (MariaDB) */
    MySqlCatalog(boolean jsonIsCheckedText) {
        this.jsonIsCheckedText = jsonIsCheckedText;
    }

    @Override
    public TableMetadata describe(Connection connection, TableId table) throws SQLException {
        Set<String> jsonColumns = jsonIsCheckedText ? names(connection, JSON_COLUMNS, table) : Set.of();
        List<ColumnMetadata> columns = new ArrayList<>();
        try (PreparedStatement query = prepare(connection, COLUMNS, table); ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                if (matches(rs, table)) {
                    columns.add(column(rs, jsonColumns.contains(rs.getString("COLUMN_NAME"))));
                }
            }
        }
        if (columns.isEmpty()) {
            return null;
        }
        List<String> key = new ArrayList<>();
        try (PreparedStatement query = prepare(connection, PRIMARY_KEY, table); ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                if (matches(rs, table)) {
                    key.add(rs.getString(3));
                }
            }
        }
        return new TableMetadata(table, columns, key);
    }

    private static ColumnMetadata column(ResultSet rs, boolean json) throws SQLException {
        String dataType = rs.getString("DATA_TYPE").toLowerCase(Locale.ROOT);
        String columnType = rs.getString("COLUMN_TYPE");
        String type = json ? "json" : columnType.toLowerCase(Locale.ROOT).contains(" unsigned")
                ? dataType + " unsigned" : dataType;
        int size = switch (dataType) {
            case "char", "varchar", "enum", "set" -> number(rs, "CHARACTER_MAXIMUM_LENGTH");
            case "time", "datetime", "timestamp" -> number(rs, "DATETIME_PRECISION");
            case "year" -> 4;
            default -> rs.getObject("CHARACTER_OCTET_LENGTH") != null ? number(rs, "CHARACTER_OCTET_LENGTH")
                    : number(rs, "NUMERIC_PRECISION");
        };
        List<String> members = dataType.equals("enum") || dataType.equals("set")
                ? SqlStringList.parse(columnType) : List.of();
        return new ColumnMetadata(rs.getString("COLUMN_NAME"), jdbcType(json ? "json" : dataType, size), type,
                size, number(rs, "NUMERIC_SCALE"), "YES".equals(rs.getString("IS_NULLABLE")), members);
    }

    private static int jdbcType(String dataType, int size) {
        return switch (dataType) {
            case "tinyint" -> Types.TINYINT;
            case "smallint", "year" -> Types.SMALLINT;
            case "mediumint", "int" -> Types.INTEGER;
            case "bigint" -> Types.BIGINT;
            case "decimal" -> Types.DECIMAL;
            case "float" -> Types.REAL;
            case "double" -> Types.DOUBLE;
            case "bit" -> size == 1 ? Types.BIT : Types.BINARY;
            case "char", "enum", "set" -> Types.CHAR;
            case "varchar" -> Types.VARCHAR;
            case "tinytext", "text", "mediumtext", "longtext", "json" -> Types.LONGVARCHAR;
            case "binary" -> Types.BINARY;
            case "varbinary" -> Types.VARBINARY;
            case "tinyblob", "blob", "mediumblob", "longblob" -> Types.LONGVARBINARY;
            case "date" -> Types.DATE;
            case "time" -> Types.TIME;
            case "datetime", "timestamp" -> Types.TIMESTAMP;
            default -> Types.OTHER;
        };
    }

    /** A number column of information_schema as an int; null as 0, beyond int (4 GB longtext) as int's maximum. */
    private static int number(ResultSet rs, String column) throws SQLException {
        long n = rs.getLong(column);
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    private static boolean matches(ResultSet rs, TableId table) throws SQLException {
        return table.namespace().equals(rs.getString(1)) && table.name().equals(rs.getString(2));
    }

    private static Set<String> names(Connection connection, String sql, TableId table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement query = prepare(connection, sql, table); ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                if (matches(rs, table)) {
                    names.add(rs.getString(3));
                }
            }
        }
        return names;
    }

    private static PreparedStatement prepare(Connection connection, String sql, TableId table) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setString(1, table.namespace());
        statement.setString(2, table.name());
        return statement;
    }

    @Override
    public List<String> checkKeyEquality(Connection connection, List<TableId> tables) throws SQLException {
        return KeyCollations.inexact(connection, tables);
    }

    /** The server's row estimate from {@code information_schema.tables}; -1 when it has none. */
    @Override
    public long estimateRows(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT table_rows FROM information_schema.tables "
                + "WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, table.namespace());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getObject(1) != null ? rs.getLong(1) : -1;
            }
        }
    }
}
