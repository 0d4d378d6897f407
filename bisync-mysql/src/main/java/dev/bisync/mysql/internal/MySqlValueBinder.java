package dev.bisync.mysql.internal;

import dev.bisync.api.TableId;
import dev.bisync.spi.ColumnMetadata;
import dev.bisync.spi.values.ExactNumbers;
import dev.bisync.spi.values.TextValues;
import dev.bisync.spi.values.UnfitValueException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Binds canonical values to MySQL/MariaDB parameters by the target column's type, refusing what the column cannot
 * hold exactly (strict mode would refuse most of it too, but for the whole batch and with a less precise message).
 * Temporal values are bound as the server's text form ({@link MySqlTimes}), so no driver time-zone conversion
 * applies.
 */
final class MySqlValueBinder {

    private static final BigInteger MAX_UNSIGNED_BIGINT = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private MySqlValueBinder() {
    }

    static void bind(PreparedStatement statement, int index, TableId table, ColumnMetadata column, Object value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, column.jdbcType());
            return;
        }
        try {
            bindValue(statement, index, column, value);
        } catch (UnfitValueException e) {
            throw e.rejection(table, column, value);
        }
    }

    private static void bindValue(PreparedStatement statement, int index, ColumnMetadata column, Object value)
            throws SQLException {
        String type = column.typeName();
        switch (type) {
            case "tinyint" -> statement.setLong(index, ExactNumbers.toLong(value, -128, 127));
            case "tinyint unsigned" -> statement.setLong(index, ExactNumbers.toLong(value, 0, 255));
            case "smallint" -> statement.setLong(index, ExactNumbers.toLong(value, Short.MIN_VALUE, Short.MAX_VALUE));
            case "smallint unsigned" -> statement.setLong(index, ExactNumbers.toLong(value, 0, 65_535));
            case "mediumint" -> statement.setLong(index, ExactNumbers.toLong(value, -8_388_608, 8_388_607));
            case "mediumint unsigned" -> statement.setLong(index, ExactNumbers.toLong(value, 0, 16_777_215));
            case "int" -> statement.setLong(index, ExactNumbers.toLong(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case "int unsigned" -> statement.setLong(index, ExactNumbers.toLong(value, 0, 4_294_967_295L));
            case "bigint" -> statement.setLong(index, ExactNumbers.toLong(value, Long.MIN_VALUE, Long.MAX_VALUE));
            case "bigint unsigned" -> statement.setBigDecimal(index, new BigDecimal(unsignedBigint(value)));
            case "decimal", "decimal unsigned" -> statement.setBigDecimal(index, decimal(value, column));
            case "float", "float unsigned" -> statement.setFloat(index, finite(ExactNumbers.toFloat(value)));
            case "double", "double unsigned" -> statement.setDouble(index, finite(ExactNumbers.toDouble(value)));
            case "bit" -> bindBits(statement, index, column, value);
            case "char" -> statement.setString(index,
                    TextValues.fitLength(TextValues.withoutTrailingSpaces(TextValues.text(value)), column.size()));
            case "varchar" -> statement.setString(index, TextValues.fitLength(TextValues.text(value), column.size()));
            case "tinytext", "text", "mediumtext", "longtext" -> statement.setString(index,
                    fitBytes(TextValues.text(value), column.size()));
            case "json" -> statement.setString(index, TextValues.text(value));
            case "enum" -> statement.setString(index, member(TextValues.text(value), column.enumValues()));
            case "set" -> statement.setString(index, members(value, column.enumValues()));
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> statement.setBytes(index,
                    fitBytes(toBytes(value), column.size()));
            case "date" -> statement.setString(index, MySqlTimes.dateText(value));
            case "datetime" -> statement.setString(index, MySqlTimes.dateTimeText(value, column.size()));
            case "timestamp" -> statement.setString(index, MySqlTimes.timestampText(value, column.size()));
            case "time" -> statement.setString(index, MySqlTimes.timeText(value, column.size()));
            case "year" -> statement.setInt(index, year(value));
            case "uuid" -> statement.setString(index, uuid(value).toString());
            default -> {
                if (value instanceof byte[] bytes) {
                    statement.setBytes(index, bytes);
                } else {
                    statement.setString(index, TextValues.text(value));
                }
            }
        }
    }

    private static BigInteger unsignedBigint(Object value) {
        BigInteger n = ExactNumbers.toBigInteger(value);
        if (n.signum() < 0 || n.compareTo(MAX_UNSIGNED_BIGINT) > 0) {
            throw new UnfitValueException("is out of the column's range 0.." + MAX_UNSIGNED_BIGINT);
        }
        return n;
    }

    private static BigDecimal decimal(Object value, ColumnMetadata column) {
        BigDecimal d = ExactNumbers.fitDecimal(ExactNumbers.toBigDecimal(value), column.size(), column.scale());
        if (d.signum() < 0 && column.typeName().endsWith(" unsigned")) {
            throw new UnfitValueException("is negative, the column is unsigned");
        }
        return d;
    }

    private static float finite(float f) {
        if (!Float.isFinite(f)) {
            throw new UnfitValueException("is not a finite number, which MySQL cannot store");
        }
        return f;
    }

    private static double finite(double d) {
        if (!Double.isFinite(d)) {
            throw new UnfitValueException("is not a finite number, which MySQL cannot store");
        }
        return d;
    }

    /** BIT(n): a boolean, a number below 2^n, or big-endian bytes. */
    private static void bindBits(PreparedStatement statement, int index, ColumnMetadata column, Object value)
            throws SQLException {
        if (value instanceof byte[] bytes) {
            statement.setBytes(index, fitBytes(bytes, (column.size() + 7) / 8));
        } else if (value instanceof Boolean b) {
            statement.setLong(index, b ? 1 : 0);
        } else {
            long max = column.size() >= 63 ? Long.MAX_VALUE : (1L << column.size()) - 1;
            statement.setLong(index, ExactNumbers.toLong(value, 0, max));
        }
    }

    private static String member(String text, List<String> members) {
        if (!members.contains(text)) {
            throw new UnfitValueException("is not a member of " + members);
        }
        return text;
    }

    /** A SET value: members separated by commas (a list of members is joined). */
    private static String members(Object value, List<String> members) {
        String text = value instanceof List<?> list ? String.join(",", list.stream().map(TextValues::text).toList())
                : TextValues.text(value);
        if (!text.isEmpty()) {
            for (String member : text.split(",", -1)) {
                member(member, members);
            }
        }
        return text;
    }

    /** Text for a TEXT type, whose limit is in bytes (counted in UTF-8). */
    private static String fitBytes(String text, int maxBytes) {
        if (maxBytes > 0 && (long) text.length() * 3 > maxBytes) {
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxBytes) {
                throw new UnfitValueException("has " + bytes + " bytes in UTF-8, the column holds " + maxBytes);
            }
        }
        return text;
    }

    private static byte[] fitBytes(byte[] bytes, int maxBytes) {
        if (maxBytes > 0 && bytes.length > maxBytes) {
            throw new UnfitValueException("has " + bytes.length + " bytes, the column holds " + maxBytes);
        }
        return bytes;
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
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw UnfitValueException.wrongType(value, "bytes");
    }

    private static int year(Object value) {
        int year = value instanceof LocalDate date ? date.getYear() : (int) ExactNumbers.toLong(value, 0, 9999);
        if (year != 0 && (year < 1901 || year > 2155)) {
            throw new UnfitValueException("is outside the YEAR range 1901 to 2155");
        }
        return year;
    }

    private static UUID uuid(Object value) {
        if (value instanceof UUID uuid) {
            return uuid;
        }
        try {
            return UUID.fromString(TextValues.text(value).trim());
        } catch (IllegalArgumentException e) {
            throw new UnfitValueException("is not a UUID");
        }
    }
}
