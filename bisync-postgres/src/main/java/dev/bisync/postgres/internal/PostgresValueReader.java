package dev.bisync.postgres.internal;

import dev.bisync.api.JsonText;
import dev.bisync.spi.ColumnMetadata;
import dev.bisync.spi.values.TemporalValues;
import dev.bisync.spi.values.TextValues;
import org.postgresql.util.PGInterval;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Reads PostgreSQL columns as canonical values; the mapping is listed on {@link PostgresDialect}. Arrays are read
 * from their text form, element by element, with the same mapping.
 */
final class PostgresValueReader {

    private PostgresValueReader() {
    }

    static Object read(ResultSet rs, int index, ColumnMetadata column) throws SQLException {
        if (column.jdbcType() == Types.ARRAY) {
            String text = rs.getString(index);
            if (text == null) {
                return null;
            }
            String element = column.typeName().substring(0, column.typeName().length() - 2);
            return elements(PostgresArrays.parse(text), element);
        }
        Object value = switch (column.typeName()) {
            case "int2" -> rs.getShort(index);
            case "int4" -> rs.getInt(index);
            case "int8" -> rs.getLong(index);
            case "numeric" -> rs.getBigDecimal(index);
            case "float4" -> rs.getFloat(index);
            case "float8" -> rs.getDouble(index);
            case "bool" -> rs.getBoolean(index);
            case "bpchar" -> stripped(rs.getString(index));
            case "bytea" -> rs.getBytes(index);
            case "date" -> rs.getObject(index, LocalDate.class);
            case "time" -> rs.getObject(index, LocalTime.class);
            case "timetz" -> rs.getObject(index, OffsetTime.class);
            case "timestamp" -> rs.getObject(index, LocalDateTime.class);
            case "timestamptz" -> instant(rs.getObject(index, OffsetDateTime.class));
            case "uuid" -> rs.getObject(index, UUID.class);
            case "interval" -> interval((PGInterval) rs.getObject(index));
            case "json", "jsonb" -> json(rs.getString(index));
            default -> rs.getString(index);
        };
        return rs.wasNull() ? null : value;
    }

    /** The canonical value of one array element's text. */
    private static Object element(String text, String type) {
        return switch (type) {
            case "int2" -> Short.valueOf(text);
            case "int4" -> Integer.valueOf(text);
            case "int8" -> Long.valueOf(text);
            case "numeric" -> new BigDecimal(text);
            case "float4" -> Float.valueOf(text);
            case "float8" -> Double.valueOf(text);
            case "bool" -> "t".equals(text);
            case "bpchar" -> TextValues.withoutTrailingSpaces(text);
            case "bytea" -> HexFormat.of().parseHex(text, 2, text.length());
            case "date" -> TemporalValues.toLocalDate(text);
            case "time" -> TemporalValues.toLocalTime(text);
            case "timetz" -> TemporalValues.toOffsetTime(text);
            case "timestamp" -> TemporalValues.toLocalDateTime(text);
            case "timestamptz" -> TemporalValues.toInstant(text);
            case "uuid" -> UUID.fromString(text);
            case "json", "jsonb" -> new JsonText(text);
            default -> text;
        };
    }

    private static List<Object> elements(List<?> texts, String type) {
        List<Object> values = new ArrayList<>(texts.size());
        for (Object text : texts) {
            values.add(text == null ? null : text instanceof List<?> inner ? elements(inner, type)
                    : elementOrText((String) text, type));
        }
        return values;
    }

    /** An element the mapping cannot read (a date {@code infinity}, say) stays text. */
    private static Object elementOrText(String text, String type) {
        try {
            return element(text, type);
        } catch (RuntimeException e) {
            return text;
        }
    }

    private static String stripped(String text) {
        return text == null ? null : TextValues.withoutTrailingSpaces(text);
    }

    private static Object instant(OffsetDateTime dateTime) {
        return dateTime == null ? null : dateTime.toInstant();
    }

    private static Object json(String text) {
        return text == null ? null : new JsonText(text);
    }

    /** An interval in Debezium's ISO 8601 string form: {@code P1Y2M3DT4H5M6.78S}, every field present. */
    static String interval(PGInterval interval) {
        if (interval == null) {
            return null;
        }
        BigDecimal seconds = BigDecimal.valueOf(interval.getWholeSeconds())
                .add(BigDecimal.valueOf(interval.getMicroSeconds(), 6)).stripTrailingZeros();
        return "P" + interval.getYears() + "Y" + interval.getMonths() + "M" + interval.getDays() + "DT"
                + interval.getHours() + "H" + interval.getMinutes() + "M" + seconds.toPlainString() + "S";
    }
}
