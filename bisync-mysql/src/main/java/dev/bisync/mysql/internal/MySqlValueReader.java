package dev.bisync.mysql.internal;

import dev.bisync.api.JsonText;
import dev.bisync.api.UnrepresentableValue;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.ColumnReader;

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
 * the session's zone, which {@link MySqlSessions#prepare} sets to UTC. A date that lenient SQL
 * modes let in but no calendar holds — the zero date {@code 0000-00-00}, a zero month or day, February 31 under
 * {@code ALLOW_INVALID_DATES} — reads, for the initial copy ({@link #copyReader}), as an {@link UnrepresentableValue}
 * with its text, so that the target refuses the row with the reason rather than writing NULL or another date; for
 * the lanes ({@link #reader}) as capture sends it. The reader of a column is chosen once from its type.
 */
final class MySqlValueReader {

    private static final String INVALID = "is no day of the calendar";

    private MySqlValueReader() {
    }

    /** The lanes' reader of a column: a date no calendar holds reads as Debezium's binlog reader sends it. */
    static ColumnReader reader(ColumnMetadata column) {
        return reader(column, false);
    }

    /** The initial copy's reader of a column: every value as the source holds it. */
    static ColumnReader copyReader(ColumnMetadata column) {
        return reader(column, true);
    }

    private static ColumnReader reader(ColumnMetadata column, boolean faithful) {
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
            case "date" -> dateFromText(LocalDate::parse, faithful);
            case "datetime" -> dateFromText(MySqlTimes::readDateTime, faithful);
            case "timestamp" -> dateFromText(text -> MySqlTimes.readDateTime(text).toInstant(ZoneOffset.UTC),
                    faithful);
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
     * A date or date-time from its text. A date no calendar holds (which lenient SQL modes let in): {@code faithful},
     * an {@link UnrepresentableValue} saying why (the initial copy refuses the row, the verification sees the value);
     * else as Debezium's binlog reader sends it — null for a zero date or a zero month or day, the epoch's date (the
     * time kept) for an invalid one — so that a lane compares a target row with the images capture sends.
     */
    private static ColumnReader dateFromText(Function<String, Object> parse, boolean faithful) {
        return ColumnReader.fromText(text -> {
            String reason = unrepresentableDate(text);
            if (reason == null) {
                return parse.apply(text);
            }
            if (faithful) {
                return new UnrepresentableValue(text, reason);
            }
            return reason.startsWith(INVALID) ? parse.apply("1970-01-01" + text.substring(10)) : null;
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
            return INVALID + " (MariaDB/MySQL accept it under ALLOW_INVALID_DATES)";
        }
        return null;
    }

    private static Object unsigned(BigDecimal value) {
        return value == null ? null : value.toBigIntegerExact();
    }
}
