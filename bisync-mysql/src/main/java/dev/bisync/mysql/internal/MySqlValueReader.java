package dev.bisync.mysql.internal;

import dev.bisync.api.JsonText;
import dev.bisync.api.UnrepresentableValue;
import dev.bisync.spi.ColumnMetadata;
import dev.bisync.spi.ColumnReader;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads MySQL/MariaDB columns as canonical values; the mapping is listed on {@link MySqlFamilyDialect}. Temporal
 * columns are read from their text form, so no driver time-zone conversion applies; a {@code TIMESTAMP} is read in
 * the session's zone, which {@link MySqlFamilyDialect#prepareWriterSession} sets to UTC. A date that lenient SQL
 * modes let in but no calendar holds — the zero date {@code 0000-00-00}, a zero month or day, February 31 under
 * {@code ALLOW_INVALID_DATES} — reads as an {@link UnrepresentableValue} with its text, so that the target refuses
 * the row with the reason rather than writing NULL or another date. The reader of a column is chosen once from its
 * type.
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
            case "float", "float unsigned" -> (rs, i) -> (float) rs.getDouble(i); // selected as DOUBLE
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
     * How a column is selected for its reader: a {@code FLOAT} as a {@code DOUBLE}, whose text holds the float's
     * value exactly (the server writes a {@code FLOAT}'s own text with 6 significant digits: {@code 3.40282e38}).
     */
    static String selectExpression(ColumnMetadata column, String quoted) {
        return column.typeName().startsWith("float") ? "CAST(" + quoted + " AS DOUBLE)" : quoted;
    }

    /**
     * A date or date-time from its text; a date no calendar holds (which lenient SQL modes let in) as an
     * {@link UnrepresentableValue} saying why.
     */
    private static ColumnReader dateFromText(Function<String, Object> parse) {
        return ColumnReader.fromText(text -> {
            String reason = unrepresentableDate(text);
            return reason != null ? new UnrepresentableValue(text, reason) : parse.apply(text);
        });
    }

    /** Why a date's text {@code yyyy-MM-dd[...]} is no date of the calendar, or null when it is one. */
    static String unrepresentableDate(String text) {
        int year = Integer.parseInt(text, 0, 4, 10);
        int month = Integer.parseInt(text, 5, 7, 10);
        int day = Integer.parseInt(text, 8, 10, 10);
        if (year == 0 && month == 0 && day == 0) {
            return "is MariaDB/MySQL's zero date, which no date type of the other database holds (lenient sql_mode "
                    + "without NO_ZERO_DATE)";
        }
        if (month == 0 || day == 0) {
            return "has a zero " + (month == 0 ? "month" : "day") + ", which no date type of the other database holds "
                    + "(lenient sql_mode without NO_ZERO_IN_DATE)";
        }
        if (month > 12 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return "is no day of the calendar (MariaDB/MySQL accept it under ALLOW_INVALID_DATES)";
        }
        return null;
    }

    private static Object unsigned(BigDecimal value) {
        return value == null ? null : value.toBigIntegerExact();
    }
}
