package dev.bisync.postgres.internal;

import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.Catalog;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.TableMetadata;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a table's columns and primary key from {@code pg_catalog}, in one query. Type names are
 * {@code pg_type.typname} ({@code int4}, {@code varchar}, {@code bpchar}, {@code timestamptz}, an enum's own name),
 * arrays as {@code <element>[]}; a domain is described as its base type. Sizes come from the type modifier:
 * characters for {@code varchar}/{@code bpchar}, precision and scale for {@code numeric} (0 when unconstrained),
 * fractional-second digits for temporal types (6 when not given).
 */
final class PostgresCatalog implements Catalog {

    static final PostgresCatalog CATALOG = new PostgresCatalog();

    private static final String COLUMNS = """
            SELECT a.attname, t.typname, e.typname AS element, t.typtype,
                   CASE WHEN d.typtype = 'd' THEN d.typtypmod ELSE a.atttypmod END AS typmod,
                   a.attnotnull OR (d.typtype = 'd' AND d.typnotnull) AS not_null,
                   ARRAY(SELECT l.enumlabel FROM pg_catalog.pg_enum l WHERE l.enumtypid = t.oid
                         ORDER BY l.enumsortorder) AS labels,
                   (SELECT k.ord FROM pg_catalog.pg_index i,
                           unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                     WHERE i.indrelid = c.oid AND i.indisprimary AND k.attnum = a.attnum) AS key_position
              FROM pg_catalog.pg_attribute a
              JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_catalog.pg_type d ON d.oid = a.atttypid
              JOIN pg_catalog.pg_type t ON t.oid = CASE WHEN d.typtype = 'd' THEN d.typbasetype ELSE d.oid END
              LEFT JOIN pg_catalog.pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
             WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')
               AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum""";

    private PostgresCatalog() {
    }

    /** The tables (of those given that exist) whose replica identity is not FULL. */
    static List<TableId> tablesWithoutFullReplicaIdentity(Connection connection, List<TableId> tables)
            throws SQLException {
        List<TableId> partial = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.relreplident FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            for (TableId table : tables) {
                ps.setString(1, table.namespace());
                ps.setString(2, table.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && !"f".equals(rs.getString(1))) {
                        partial.add(table);
                    }
                }
            }
        }
        return partial;
    }

    /** The table, or null when there is no such table (or partitioned table). */
    @Override
    public TableMetadata describe(Connection connection, TableId table) throws SQLException {
        List<ColumnMetadata> columns = new ArrayList<>();
        Map<Integer, String> key = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement(COLUMNS)) {
            query.setString(1, table.namespace());
            query.setString(2, table.name());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ColumnMetadata column = column(rs);
                    columns.add(column);
                    int position = rs.getInt("key_position");
                    if (!rs.wasNull()) {
                        key.put(position, column.name());
                    }
                }
            }
        }
        return columns.isEmpty() ? null : new TableMetadata(table, columns, List.copyOf(key.values()));
    }

    private static ColumnMetadata column(ResultSet rs) throws SQLException {
        String element = rs.getString("element");
        String type = element != null ? element : rs.getString("typname");
        int typmod = rs.getInt("typmod");
        Array labels = rs.getArray("labels");
        List<String> members = Arrays.asList((String[]) labels.getArray());
        labels.free();
        boolean isEnum = "e".equals(rs.getString("typtype"));
        return new ColumnMetadata(rs.getString("attname"),
                element != null ? Types.ARRAY : isEnum ? Types.OTHER : jdbcType(type),
                element != null ? element + "[]" : type,
                size(type, typmod), scale(type, typmod), !rs.getBoolean("not_null"), members);
    }

    private static int jdbcType(String type) {
        return switch (type) {
            case "int2" -> Types.SMALLINT;
            case "int4" -> Types.INTEGER;
            case "int8" -> Types.BIGINT;
            case "numeric" -> Types.NUMERIC;
            case "float4" -> Types.REAL;
            case "float8" -> Types.DOUBLE;
            case "bool" -> Types.BOOLEAN;
            case "varchar", "text", "name" -> Types.VARCHAR;
            case "bpchar" -> Types.CHAR;
            case "bytea" -> Types.BINARY;
            case "date" -> Types.DATE;
            case "time" -> Types.TIME;
            case "timetz" -> Types.TIME_WITH_TIMEZONE;
            case "timestamp" -> Types.TIMESTAMP;
            case "timestamptz" -> Types.TIMESTAMP_WITH_TIMEZONE;
            case "bit", "varbit" -> Types.BIT;
            default -> Types.OTHER;
        };
    }

    private static int size(String type, int typmod) {
        return switch (type) {
            case "varchar", "bpchar" -> typmod >= 4 ? typmod - 4 : 0;
            case "numeric" -> typmod >= 4 ? ((typmod - 4) >> 16) & 0xffff : 0;
            case "time", "timetz", "timestamp", "timestamptz" -> typmod >= 0 ? typmod : 6;
            case "interval" -> typmod >= 0 && (typmod & 0xffff) != 0xffff ? typmod & 0xffff : 6;
            case "bit", "varbit" -> Math.max(typmod, 0);
            case "int2" -> 5;
            case "int4" -> 10;
            case "int8" -> 19;
            default -> 0;
        };
    }

    private static int scale(String type, int typmod) {
        // the scale is an 11-bit signed number since PostgreSQL 15 (numeric(3, -2))
        return "numeric".equals(type) && typmod >= 4 ? (((typmod - 4) & 0x7ff) ^ 1024) - 1024 : 0;
    }

    @Override
    public List<String> checkKeyEquality(Connection connection, List<TableId> tables) throws SQLException {
        return PostgresKeyEquality.inexact(connection, tables);
    }

    /** The planner's row estimate ({@code pg_class.reltuples}); -1 when the table was never analysed. */
    @Override
    public long estimateRows(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.reltuples::bigint FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, table.namespace());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Math.max(-1, rs.getLong(1)) : -1;
            }
        }
    }
}
