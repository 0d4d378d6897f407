package dev.bisync.mysql.internal;

import dev.bisync.api.JsonText;
import dev.bisync.spi.ColumnMetadata;
import dev.bisync.spi.ColumnReader;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads MySQL/MariaDB columns as canonical values; the mapping is listed on {@link MySqlFamilyDialect}. Temporal
 * columns are read from their text form, so no driver time-zone conversion applies; a {@code TIMESTAMP} is read in
 * the session's zone, which {@link MySqlFamilyDialect#prepareWriterSession} sets to UTC; a zero date reads as null.
 * The reader of a column is
 * chosen once from its type.
 */
final class MySqlValueReader {

    private MySqlValueReader() {
    }

    static ColumnReader reader(ColumnMetadata column) {
        ColumnReader read = switch (column.typeName()) {
            case "tinyint", "tinyint unsigned", "smallint" -> ResultSet::getShort;
            case "smallint unsigned", "mediumint", "mediumint unsigned", "int" -> ResultSet::getInt;
            case "int unsigned", "bigint" -> ResultSet::getLong;
            case "bigint unsigned" -> (rs, i) -> unsigned(rs.getBigDecimal(i));
            case "decimal", "decimal unsigned" -> ResultSet::getBigDecimal;
            case "float", "float unsigned" -> ResultSet::getFloat;
            case "double", "double unsigned" -> ResultSet::getDouble;
            case "bit" -> column.size() == 1 ? ResultSet::getBoolean : ResultSet::getBytes;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set" -> ResultSet::getString;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> ResultSet::getBytes;
            case "year" -> ResultSet::getInt;
            case "date" -> dateFromText(LocalDate::parse);
            case "datetime" -> dateFromText(MySqlTimes::readDateTime);
            case "timestamp" -> dateFromText(text -> MySqlTimes.readDateTime(text).toInstant(ZoneOffset.UTC));
            case "time" -> ColumnReader.fromText(MySqlTimes::readTime);
            case "uuid" -> ColumnReader.fromText(UUID::fromString);
            case "json" -> ColumnReader.fromText(JsonText::new);
            case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                    "geometrycollection" -> (rs, i) -> MySqlGeometry.wkb(rs.getBytes(i));
            default -> ResultSet::getObject;
        };
        return ColumnReader.nullAware(read);
    }

    /**
     * A date or date-time from its text; a zero date ({@code 0000-00-00}, which lenient SQL modes let in) is null,
     * as Debezium carries it.
     */
    private static ColumnReader dateFromText(Function<String, Object> parse) {
        return ColumnReader.fromText(text -> text.startsWith("0000-00-00") ? null : parse.apply(text));
    }

    private static Object unsigned(BigDecimal value) {
        return value == null ? null : value.toBigIntegerExact();
    }
}
