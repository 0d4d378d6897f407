package dev.bisync.mysql.internal;

import dev.bisync.api.JsonText;
import dev.bisync.spi.ColumnMetadata;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Reads MySQL/MariaDB columns as canonical values; the mapping is listed on {@link MySqlFamilyDialect}. Temporal
 * columns are read from their text form, so no driver time-zone conversion applies; a {@code TIMESTAMP} is read in
 * the session's zone, which {@link MySqlFamilyDialect#prepareWriterSession} sets to UTC.
 */
final class MySqlValueReader {

    private MySqlValueReader() {
    }

    static Object read(ResultSet rs, int index, ColumnMetadata column) throws SQLException {
        Object value = switch (column.typeName()) {
            case "tinyint", "tinyint unsigned", "smallint" -> rs.getShort(index);
            case "smallint unsigned", "mediumint", "mediumint unsigned", "int" -> rs.getInt(index);
            case "int unsigned", "bigint" -> rs.getLong(index);
            case "bigint unsigned" -> unsigned(rs.getBigDecimal(index));
            case "decimal", "decimal unsigned" -> rs.getBigDecimal(index);
            case "float", "float unsigned" -> rs.getFloat(index);
            case "double", "double unsigned" -> rs.getDouble(index);
            case "bit" -> column.size() == 1 ? rs.getBoolean(index) : rs.getBytes(index);
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set" -> rs.getString(index);
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> rs.getBytes(index);
            case "year" -> rs.getInt(index);
            case "json", "date", "datetime", "timestamp", "time", "uuid" -> fromText(rs.getString(index),
                    column.typeName());
            default -> rs.getObject(index);
        };
        return rs.wasNull() ? null : value;
    }

    private static Object fromText(String text, String type) {
        if (text == null) {
            return null;
        }
        return switch (type) {
            case "date" -> LocalDate.parse(text);
            case "datetime" -> MySqlTimes.readDateTime(text);
            case "timestamp" -> MySqlTimes.readDateTime(text).toInstant(ZoneOffset.UTC);
            case "time" -> MySqlTimes.readTime(text);
            case "uuid" -> UUID.fromString(text);
            default -> new JsonText(text);
        };
    }

    private static Object unsigned(BigDecimal value) {
        return value == null ? null : value.toBigIntegerExact();
    }
}
