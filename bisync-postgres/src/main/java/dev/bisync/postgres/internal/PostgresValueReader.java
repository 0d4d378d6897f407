package dev.bisync.postgres.internal;

import dev.bisync.api.JsonText;
import dev.bisync.api.UnrepresentableValue;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.ColumnReader;
import dev.bisync.spi.values.ArrayElements;
import dev.bisync.spi.values.TextValues;
import org.postgresql.util.PGInterval;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Reads PostgreSQL columns as canonical values; the mapping is listed on {@link PostgresDialect}. Arrays are read
 * from their text form, element by element ({@link ArrayElements}, the mapping the decoder uses too). The reader of
 * a column is chosen once from its type.
 */
final class PostgresValueReader {

    private PostgresValueReader() {
    }

    static ColumnReader reader(ColumnMetadata column) {
        String type = column.typeName();
        if (column.jdbcType() == Types.ARRAY) {
            String element = type.substring(0, type.length() - 2);
            return ColumnReader.fromText(text -> ArrayElements.valueOf(PostgresArrays.parse(text), element, text));
        }
        ColumnReader read = switch (type) {
            case "int2" -> ResultSet::getShort;
            case "int4" -> ResultSet::getInt;
            case "int8" -> ResultSet::getLong;
            case "numeric" -> ColumnReader.fromText(PostgresValueReader::numeric);
            case "money" -> ColumnReader.fromText(PostgresValueReader::money);
            case "float4" -> ResultSet::getFloat;
            case "float8" -> ResultSet::getDouble;
            case "bool" -> ResultSet::getBoolean;
            case "bpchar" -> ColumnReader.fromText(TextValues::withoutTrailingSpaces);
            case "bytea" -> ResultSet::getBytes;
            case "date" -> orInfinity((rs, i) -> rs.getObject(i, LocalDate.class), "date", "date");
            case "time" -> ColumnReader.fromText(t -> t.startsWith("24:") ? Duration.ofDays(1) : LocalTime.parse(t));
            case "point" -> ColumnReader.fromText(PostgresShapes::pointWkb);
            case "hstore" -> ColumnReader.fromText(PostgresShapes::hstoreJson);
            case "timetz" -> (rs, i) -> { // in UTC, as Debezium sends it
                OffsetTime time = rs.getObject(i, OffsetTime.class);
                return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
            };
            case "timestamp" -> orInfinity((rs, i) -> rs.getObject(i, LocalDateTime.class), "timestamp", "date-time");
            case "timestamptz" -> orInfinity((rs, i) -> {
                OffsetDateTime dateTime = rs.getObject(i, OffsetDateTime.class);
                return dateTime == null ? null : dateTime.toInstant();
            }, "timestamp", "date-time");
            case "uuid" -> (rs, i) -> rs.getObject(i, UUID.class);
            case "interval" -> PostgresValueReader::interval;
            case "json", "jsonb" -> ColumnReader.fromText(JsonText::new);
            case "bit", "varbit" -> ColumnReader.fromText(bits -> PostgresBits.value(bits, column.size(), type));
            default -> ResultSet::getString;
        };
        return ColumnReader.nullAware(read);
    }

    /**
     * A date or timestamp reader that first looks for PostgreSQL's {@code infinity} and {@code -infinity} (which
     * pgjdbc cannot read into a date, or reads as its own extreme values): an {@link UnrepresentableValue} the target
     * refuses, with the lanes' reason.
     */
    private static ColumnReader orInfinity(ColumnReader read, String kind, String holds) {
        return (rs, i) -> {
            String text = rs.getString(i);
            if ("infinity".equals(text) || "-infinity".equals(text)) {
                return new UnrepresentableValue(text, "is PostgreSQL's " + kind + " " + text + ", which no "
                        + "MySQL/MariaDB " + holds + " holds");
            }
            return text == null ? null : read.read(rs, i);
        };
    }

    /**
     * An interval; {@code infinity} and {@code -infinity} (PostgreSQL 17 and later), which pgjdbc reads as a zero
     * interval, as an {@link UnrepresentableValue} that the target refuses.
     */
    private static Object interval(ResultSet rs, int i) throws java.sql.SQLException {
        String text = rs.getString(i);
        if ("infinity".equals(text) || "-infinity".equals(text)) {
            return new UnrepresentableValue(text, "is PostgreSQL's interval " + text + ", which no MySQL/MariaDB "
                    + "type holds");
        }
        return PostgresIntervals.value((PGInterval) rs.getObject(i));
    }

    /**
     * A numeric's text as a decimal; {@code NaN} and {@code ±Infinity}, which no decimal holds (pgjdbc's
     * {@code getBigDecimal} throws on them), as an {@link UnrepresentableValue} that the target refuses.
     */
    static Object numeric(String text) {
        return switch (text) {
            case "NaN", "Infinity", "-Infinity" -> new UnrepresentableValue(text, "is a numeric " + text
                    + ", which no decimal holds (nor any MySQL/MariaDB number column)");
            default -> new BigDecimal(text);
        };
    }

    /** A money value's text ({@code $1,234.56}, {@code -$0.01}) as a decimal; needs a '.' decimal point. */
    private static Object money(String text) {
        String digits = text.replaceAll("[^0-9.\\-]", "");
        return new BigDecimal(text.startsWith("(") ? "-" + digits : digits);
    }
}
