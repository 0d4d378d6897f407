package dev.bisync.postgres.internal;

import dev.bisync.api.JsonText;
import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.ColumnBinder;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.values.ExactNumbers;
import dev.bisync.spi.values.JsonValues;
import dev.bisync.spi.values.TemporalValues;
import dev.bisync.spi.values.TextValues;
import dev.bisync.spi.values.UnfitValueException;

import java.sql.Types;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Binds canonical values to PostgreSQL parameters by the target column's type, refusing what the column cannot hold
 * exactly. Standard types use their typed setters; json, jsonb, enums, interval, arrays and every other type are
 * bound as text of unspecified type ({@code setObject(text, Types.OTHER)}), which the server reads as the column's
 * type, so the SQL needs no casts. The conversions ({@link #conversion}) are shared with the COPY loader.
 */
final class PostgresValueBinder {

    private static final Duration END_OF_DAY = Duration.ofDays(1);
    /** money holds ±92233720368547758.07: 17 integer digits and 2 fractional ones (beyond ±9.2e16 it refuses). */
    private static final int MONEY_PRECISION = 19;

    private PostgresValueBinder() {
    }

    /** The binder of a column, its conversion chosen here once from the column's type. */
    static ColumnBinder binder(TableId table, ColumnMetadata column) {
        Function<Object, Object> convert = conversion(column);
        return ColumnBinder.checked(table, column, nullType(column), (s, i, v) -> {
            Object value = convert.apply(v);
            if (value instanceof Untyped untyped) {
                s.setObject(i, untyped.text(), Types.OTHER);
            } else {
                s.setObject(i, value); // pgjdbc sets it with the typed setter of its class (setLong, setBigDecimal ...)
            }
        });
    }

    private static int nullType(ColumnMetadata column) {
        return switch (column.jdbcType()) {
            case Types.ARRAY, Types.BIT -> Types.OTHER;
            default -> column.jdbcType();
        };
    }

    /**
     * Text the server reads as the column's type, bound as {@code Types.OTHER}.
     *
     * @param text the value in the type's input form
     */
    record Untyped(String text) {
    }

    /**
     * The conversion of a column's canonical values, chosen once from its type, into what is given to the driver: a
     * Java value its typed setters take (Short, Integer, Long, BigDecimal, Float, Double, Boolean, String, byte[],
     * LocalDate, LocalTime, OffsetTime, LocalDateTime, OffsetDateTime, UUID), or {@link Untyped} text. Shared by the
     * binder and the COPY loader ({@link PostgresCopyText}), so both store the same. Throws
     * {@link UnfitValueException} for a value the column cannot hold exactly; never called with null.
     */
    static Function<Object, Object> conversion(ColumnMetadata column) {
        List<String> members = column.enumValues();
        if (!members.isEmpty()) {
            return v -> new Untyped(member(v, members));
        }
        if (column.jdbcType() == Types.ARRAY) {
            return v -> new Untyped(PostgresArrays.literal(list(v)));
        }
        int size = column.size();
        return switch (column.typeName()) {
            case "int2" -> v -> (short) ExactNumbers.toLong(v, Short.MIN_VALUE, Short.MAX_VALUE);
            case "int4" -> v -> (int) ExactNumbers.toLong(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "int8" -> v -> ExactNumbers.toLong(v, Long.MIN_VALUE, Long.MAX_VALUE);
            case "numeric" -> v -> ExactNumbers.fitDecimal(ExactNumbers.toBigDecimal(v), size, column.scale());
            case "money" -> v -> new Untyped(ExactNumbers.fitDecimal(ExactNumbers.toBigDecimal(v), MONEY_PRECISION, 2)
                    .toPlainString());
            case "float4" -> ExactNumbers::toFloat;
            case "float8" -> ExactNumbers::toDouble;
            case "bool" -> PostgresValueBinder::toBoolean;
            case "varchar", "text" -> v -> TextValues.fitLength(noNul(v), size);
            case "bpchar" -> v -> TextValues.fitLength(TextValues.withoutTrailingSpaces(noNul(v)), size);
            case "bytea" -> PostgresValueBinder::toBytes;
            case "date" -> TemporalValues::toLocalDate;
            // PostgreSQL's time holds 24:00, a LocalTime cannot
            case "time" -> v -> END_OF_DAY.equals(v) ? new Untyped("24:00:00")
                    : TemporalValues.fitFraction(TemporalValues.toLocalTime(v), size);
            case "timetz" -> v -> TemporalValues.fitFraction(TemporalValues.toOffsetTime(v), size);
            case "timestamp" -> v -> TemporalValues.fitFraction(TemporalValues.toLocalDateTime(v), size);
            case "timestamptz" -> v -> TemporalValues.fitFraction(TemporalValues.toInstant(v), size)
                    .atOffset(ZoneOffset.UTC);
            case "interval" -> v -> new Untyped(PostgresIntervals.text(v));
            case "uuid" -> PostgresValueBinder::toUuid;
            case "point" -> v -> new Untyped(PostgresShapes.pointText(v));
            case "hstore" -> v -> new Untyped(PostgresShapes.hstoreText(v));
            case "json", "jsonb" -> v -> new Untyped(noNul(v));
            case "bit", "varbit" -> v -> new Untyped(PostgresBits.text(v, size, column.typeName()));
            default -> v -> new Untyped(v instanceof byte[] bytes ? "\\x" + HexFormat.of().formatHex(bytes)
                    : noNul(v));
        };
    }

    /** An array value: a list, or a JSON array's text (what a database without arrays holds). */
    private static List<?> list(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof JsonText || value instanceof String) {
            return JsonValues.parseArray(TextValues.text(value));
        }
        throw UnfitValueException.wrongType(value, "an array");
    }

    private static String member(Object value, List<String> members) {
        String text = TextValues.text(value);
        if (!members.contains(text)) {
            throw new UnfitValueException("is not a member of the enum " + members);
        }
        return text;
    }

    private static boolean toBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String text) {
            return switch (text.trim().toLowerCase()) {
                case "1", "t", "true", "y", "yes", "on" -> true;
                case "0", "f", "false", "n", "no", "off" -> false;
                default -> throw new UnfitValueException("is not a boolean");
            };
        }
        if (value instanceof Number) {
            long n = ExactNumbers.toLong(value, Long.MIN_VALUE, Long.MAX_VALUE);
            if (n == 0 || n == 1) {
                return n == 1;
            }
            throw new UnfitValueException("is neither 0 nor 1, the numbers that stand for a boolean");
        }
        throw UnfitValueException.wrongType(value, "a boolean");
    }

    /** Text for a text or JSON column; PostgreSQL text cannot hold the NUL character. */
    private static String noNul(Object value) {
        String text = TextValues.text(value);
        if (text.indexOf('\0') >= 0) {
            throw new UnfitValueException("contains the NUL character, which PostgreSQL text cannot hold");
        }
        return text;
    }

    private static byte[] toBytes(Object value) {
        if (value instanceof String text && text.startsWith("\\x")) {
            try {
                return HexFormat.of().parseHex(text, 2, text.length());
            } catch (IllegalArgumentException e) {
                throw new UnfitValueException("is not bytea hex text");
            }
        }
        return TextValues.asBytes(value);
    }

    private static UUID toUuid(Object value) {
        if (value instanceof UUID uuid) {
            return uuid;
        }
        if (value instanceof String text) {
            try {
                return UUID.fromString(text.trim());
            } catch (IllegalArgumentException e) {
                throw new UnfitValueException("is not a UUID");
            }
        }
        throw UnfitValueException.wrongType(value, "a UUID");
    }

}
