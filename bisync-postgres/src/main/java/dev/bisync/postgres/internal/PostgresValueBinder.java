package dev.bisync.postgres.internal;

import dev.bisync.api.JsonText;
import dev.bisync.api.TableId;
import dev.bisync.spi.ColumnBinder;
import dev.bisync.spi.ColumnMetadata;
import dev.bisync.spi.values.ExactNumbers;
import dev.bisync.spi.values.JsonValues;
import dev.bisync.spi.values.TemporalValues;
import dev.bisync.spi.values.TextValues;
import dev.bisync.spi.values.UnfitValueException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Binds canonical values to PostgreSQL parameters by the target column's type, refusing what the column cannot hold
 * exactly. Standard types use their typed setters; json, jsonb, enums, interval, arrays and every other type are
 * bound as text of unspecified type ({@code setObject(text, Types.OTHER)}), which the server reads as the column's
 * type, so the SQL needs no casts.
 */
final class PostgresValueBinder {

    private static final Duration END_OF_DAY = Duration.ofDays(1);
    /** money holds ±92233720368547758.07: 17 integer digits and 2 fractional ones (beyond ±9.2e16 it refuses). */
    private static final int MONEY_PRECISION = 19;

    private PostgresValueBinder() {
    }

    /** The binder of a column, its conversion chosen here once from the column's type. */
    static ColumnBinder binder(TableId table, ColumnMetadata column) {
        return ColumnBinder.checked(table, column, nullType(column), setter(column));
    }

    private static int nullType(ColumnMetadata column) {
        return switch (column.jdbcType()) {
            case Types.ARRAY, Types.BIT -> Types.OTHER;
            default -> column.jdbcType();
        };
    }

    private static ColumnBinder setter(ColumnMetadata column) {
        List<String> members = column.enumValues();
        if (!members.isEmpty()) {
            return (s, i, v) -> s.setObject(i, member(v, members), Types.OTHER);
        }
        if (column.jdbcType() == Types.ARRAY) {
            return (s, i, v) -> s.setObject(i, PostgresArrays.literal(list(v)), Types.OTHER);
        }
        int size = column.size();
        return switch (column.typeName()) {
            case "int2" -> (s, i, v) -> s.setShort(i, (short) ExactNumbers.toLong(v, Short.MIN_VALUE,
                    Short.MAX_VALUE));
            case "int4" -> (s, i, v) -> s.setInt(i, (int) ExactNumbers.toLong(v, Integer.MIN_VALUE,
                    Integer.MAX_VALUE));
            case "int8" -> (s, i, v) -> s.setLong(i, ExactNumbers.toLong(v, Long.MIN_VALUE, Long.MAX_VALUE));
            case "numeric" -> (s, i, v) -> s.setBigDecimal(i, ExactNumbers.fitDecimal(ExactNumbers.toBigDecimal(v),
                    size, column.scale()));
            case "money" -> (s, i, v) -> s.setObject(i, ExactNumbers.fitDecimal(ExactNumbers.toBigDecimal(v),
                    MONEY_PRECISION, 2).toPlainString(), Types.OTHER);
            case "float4" -> (s, i, v) -> s.setFloat(i, ExactNumbers.toFloat(v));
            case "float8" -> (s, i, v) -> s.setDouble(i, ExactNumbers.toDouble(v));
            case "bool" -> (s, i, v) -> s.setBoolean(i, toBoolean(v));
            case "varchar", "text" -> (s, i, v) -> s.setString(i, TextValues.fitLength(noNul(v), size));
            case "bpchar" -> (s, i, v) -> s.setString(i,
                    TextValues.fitLength(TextValues.withoutTrailingSpaces(noNul(v)), size));
            case "bytea" -> (s, i, v) -> s.setBytes(i, toBytes(v));
            case "date" -> (s, i, v) -> s.setObject(i, TemporalValues.toLocalDate(v));
            case "time" -> (s, i, v) -> {
                if (END_OF_DAY.equals(v)) {
                    s.setObject(i, "24:00:00", Types.OTHER); // PostgreSQL's time holds 24:00, a LocalTime cannot
                } else {
                    s.setObject(i, TemporalValues.fitFraction(TemporalValues.toLocalTime(v), size));
                }
            };
            case "timetz" -> (s, i, v) -> s.setObject(i,
                    TemporalValues.fitFraction(TemporalValues.toOffsetTime(v), size));
            case "timestamp" -> (s, i, v) -> s.setObject(i,
                    TemporalValues.fitFraction(TemporalValues.toLocalDateTime(v), size));
            case "timestamptz" -> (s, i, v) -> s.setObject(i,
                    TemporalValues.fitFraction(TemporalValues.toInstant(v), size).atOffset(ZoneOffset.UTC));
            case "interval" -> (s, i, v) -> s.setObject(i, PostgresIntervals.text(v), Types.OTHER);
            case "uuid" -> (s, i, v) -> s.setObject(i, toUuid(v));
            case "point" -> (s, i, v) -> s.setObject(i, PostgresShapes.pointText(v), Types.OTHER);
            case "hstore" -> (s, i, v) -> s.setObject(i, PostgresShapes.hstoreText(v), Types.OTHER);
            case "json", "jsonb" -> (s, i, v) -> s.setObject(i, noNul(v), Types.OTHER);
            case "bit", "varbit" -> (s, i, v) -> s.setObject(i, PostgresBits.text(v, size, column.typeName()),
                    Types.OTHER);
            default -> (s, i, v) -> s.setObject(i, v instanceof byte[] bytes ? "\\x" + HexFormat.of().formatHex(bytes)
                    : noNul(v), Types.OTHER);
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
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof UUID uuid) {
            return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits()).array();
        }
        if (value instanceof String text) {
            if (text.startsWith("\\x")) {
                try {
                    return HexFormat.of().parseHex(text, 2, text.length());
                } catch (IllegalArgumentException e) {
                    throw new UnfitValueException("is not bytea hex text");
                }
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw UnfitValueException.wrongType(value, "bytes");
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
