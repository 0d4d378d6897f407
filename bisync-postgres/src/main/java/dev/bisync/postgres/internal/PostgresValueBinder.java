package dev.bisync.postgres.internal;

import dev.bisync.api.TableId;
import dev.bisync.spi.ColumnMetadata;
import dev.bisync.spi.values.ExactNumbers;
import dev.bisync.spi.values.TemporalValues;
import dev.bisync.spi.values.TextValues;
import dev.bisync.spi.values.UnfitValueException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;
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

    private PostgresValueBinder() {
    }

    static void bind(PreparedStatement statement, int index, TableId table, ColumnMetadata column, Object value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, nullType(column));
            return;
        }
        try {
            bindValue(statement, index, column, value);
        } catch (UnfitValueException e) {
            throw e.rejection(table, column, value);
        }
    }

    private static int nullType(ColumnMetadata column) {
        return switch (column.jdbcType()) {
            case Types.ARRAY, Types.BIT -> Types.OTHER;
            default -> column.jdbcType();
        };
    }

    private static void bindValue(PreparedStatement statement, int index, ColumnMetadata column, Object value)
            throws SQLException {
        if (!column.enumValues().isEmpty()) {
            statement.setObject(index, member(value, column.enumValues()), Types.OTHER);
            return;
        }
        if (column.jdbcType() == Types.ARRAY) {
            if (!(value instanceof List<?> list)) {
                throw UnfitValueException.wrongType(value, "an array");
            }
            statement.setObject(index, PostgresArrays.literal(list), Types.OTHER);
            return;
        }
        switch (column.typeName()) {
            case "int2" -> statement.setShort(index, (short) ExactNumbers.toLong(value, Short.MIN_VALUE,
                    Short.MAX_VALUE));
            case "int4" -> statement.setInt(index, (int) ExactNumbers.toLong(value, Integer.MIN_VALUE,
                    Integer.MAX_VALUE));
            case "int8" -> statement.setLong(index, ExactNumbers.toLong(value, Long.MIN_VALUE, Long.MAX_VALUE));
            case "numeric" -> statement.setBigDecimal(index, ExactNumbers.fitDecimal(
                    ExactNumbers.toBigDecimal(value), column.size(), column.scale()));
            case "float4" -> statement.setFloat(index, ExactNumbers.toFloat(value));
            case "float8" -> statement.setDouble(index, ExactNumbers.toDouble(value));
            case "bool" -> statement.setBoolean(index, toBoolean(value));
            case "varchar", "text" -> statement.setString(index, TextValues.fitLength(noNul(value), column.size()));
            case "bpchar" -> statement.setString(index,
                    TextValues.fitLength(TextValues.withoutTrailingSpaces(noNul(value)), column.size()));
            case "bytea" -> statement.setBytes(index, toBytes(value));
            case "date" -> statement.setObject(index, TemporalValues.toLocalDate(value));
            case "time" -> statement.setObject(index, fitFraction(TemporalValues.toLocalTime(value), column));
            case "timetz" -> statement.setObject(index, fitFraction(TemporalValues.toOffsetTime(value), column));
            case "timestamp" -> statement.setObject(index, fitFraction(TemporalValues.toLocalDateTime(value), column));
            case "timestamptz" -> statement.setObject(index,
                    fitFraction(TemporalValues.toInstant(value), column).atOffset(ZoneOffset.UTC));
            case "uuid" -> statement.setObject(index, toUuid(value));
            case "json", "jsonb" -> statement.setObject(index, noNul(value), Types.OTHER);
            case "bit", "varbit" -> statement.setObject(index, value instanceof Boolean b ? (b ? "1" : "0")
                    : TextValues.text(value), Types.OTHER);
            default -> statement.setObject(index, TextValues.text(value), Types.OTHER);
        }
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

    private static <T extends TemporalAccessor> T fitFraction(T value, ColumnMetadata column) {
        return TemporalValues.fitFraction(value, column.size());
    }
}
