package dev.bisync.postgres.internal;

import dev.bisync.postgres.internal.PostgresValueBinder.Untyped;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.values.TextValues;
import org.postgresql.jdbc.TimestampUtils;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * The text a {@code COPY ... FROM STDIN} (text format) field holds for a column's value, the value first converted
 * by the binder's own {@link PostgresValueBinder#conversion conversion}, then written as pgjdbc's setter would send
 * it: numbers in Java's text (the exact value; floats and doubles round-trip), date and time types through pgjdbc's
 * {@link TimestampUtils} (BC years, {@code infinity}), bytea as {@code \x} hex, untyped text as it is. Both steps are
 * chosen once per column. {@link #escape} then writes the field: NULL as {@code \N}, backslash, tab, newline and
 * carriage return escaped; every other character as it is, in UTF-8.
 */
final class PostgresCopyText {

    private static final HexFormat HEX = HexFormat.of();

    private PostgresCopyText() {
    }

    /** The field text of a column's values: the binder's conversion, then the driver's text of its result. */
    static Function<Object, String> of(ColumnMetadata column, TimestampUtils times) {
        Function<Object, Object> convert = PostgresValueBinder.conversion(column);
        Function<Object, String> text = driverText(column, times);
        return v -> text.apply(convert.apply(v));
    }

    /** How pgjdbc sends a converted value of the column, chosen from its type as the conversion is. */
    private static Function<Object, String> driverText(ColumnMetadata column, TimestampUtils times) {
        if (!column.enumValues().isEmpty() || column.jdbcType() == java.sql.Types.ARRAY) {
            return PostgresCopyText::untyped;
        }
        return switch (column.typeName()) {
            case "int2", "int4", "int8", "float4", "float8", "uuid" -> String::valueOf;
            case "numeric" -> v -> ((BigDecimal) v).toString(); // what pgjdbc's setBigDecimal sends
            case "bool" -> v -> (Boolean) v ? "t" : "f";
            case "varchar", "text", "bpchar" -> v -> (String) v;
            case "bytea" -> v -> "\\x" + HEX.formatHex((byte[]) v);
            case "date" -> v -> times.toString((LocalDate) v);
            case "time" -> v -> v instanceof Untyped u ? u.text() : times.toString((LocalTime) v);
            case "timetz" -> v -> times.toString((OffsetTime) v);
            case "timestamp" -> v -> times.toString((LocalDateTime) v);
            case "timestamptz" -> v -> times.toString((OffsetDateTime) v);
            default -> PostgresCopyText::untyped;
        };
    }

    private static String untyped(Object value) {
        return ((Untyped) value).text();
    }

    /** Appends a field of COPY's text format: {@code \N} for null, else the text with its special characters escaped. */
    static void escape(String text, StringBuilder out) {
        if (text == null) {
            out.append("\\N");
            return;
        }
        TextValues.appendEscaped(text, out); // NUL never reaches here: PostgreSQL text cannot hold it, refused first
    }
}
