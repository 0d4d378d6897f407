package dev.bisync.mysql.internal;

import dev.bisync.api.TableId;
import dev.bisync.spi.ColumnBinder;
import dev.bisync.spi.ColumnMetadata;
import dev.bisync.spi.values.ExactNumbers;
import dev.bisync.spi.values.JsonValues;
import dev.bisync.spi.values.TextValues;
import dev.bisync.spi.values.UnfitValueException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

    /** The binder of a column, its conversion chosen here once from the column's type. */
    static ColumnBinder binder(TableId table, ColumnMetadata column) {
        return ColumnBinder.checked(table, column, column.jdbcType(), setter(column));
    }

    private static ColumnBinder setter(ColumnMetadata column) {
        int size = column.size();
        List<String> members = column.enumValues();
        return switch (column.typeName()) {
            case "tinyint" -> integer(-128, 127);
            case "tinyint unsigned" -> integer(0, 255);
            case "smallint" -> integer(Short.MIN_VALUE, Short.MAX_VALUE);
            case "smallint unsigned" -> integer(0, 65_535);
            case "mediumint" -> integer(-8_388_608, 8_388_607);
            case "mediumint unsigned" -> integer(0, 16_777_215);
            case "int" -> integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "int unsigned" -> integer(0, 4_294_967_295L);
            case "bigint" -> integer(Long.MIN_VALUE, Long.MAX_VALUE);
            case "bigint unsigned" -> (s, i, v) -> s.setBigDecimal(i, new BigDecimal(unsignedBigint(v)));
            case "decimal", "decimal unsigned" -> (s, i, v) -> s.setBigDecimal(i, decimal(v, column));
            case "float", "float unsigned" -> (s, i, v) -> s.setFloat(i, finite(ExactNumbers.toFloat(v)));
            case "double", "double unsigned" -> (s, i, v) -> s.setDouble(i, finite(ExactNumbers.toDouble(v)));
            case "bit" -> bits(size);
            case "char" -> (s, i, v) -> s.setString(i,
                    TextValues.fitLength(TextValues.withoutTrailingSpaces(text(v)), size));
            case "varchar" -> (s, i, v) -> s.setString(i, TextValues.fitLength(text(v), size));
            case "tinytext", "text", "mediumtext", "longtext" -> (s, i, v) -> s.setString(i, fitBytes(text(v), size));
            case "json" -> (s, i, v) -> s.setString(i, text(v));
            case "enum" -> (s, i, v) -> s.setString(i, member(text(v), members));
            case "set" -> (s, i, v) -> s.setString(i, members(v, members));
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> (s, i, v) -> s.setBytes(i,
                    fitBytes(toBytes(v), size));
            case "date" -> (s, i, v) -> s.setString(i, MySqlTimes.dateText(v));
            case "datetime" -> (s, i, v) -> s.setString(i, MySqlTimes.dateTimeText(v, size));
            case "timestamp" -> (s, i, v) -> s.setString(i, MySqlTimes.timestampText(v, size));
            case "time" -> (s, i, v) -> s.setString(i, MySqlTimes.timeText(v, size));
            case "year" -> (s, i, v) -> s.setInt(i, year(v));
            case "uuid" -> (s, i, v) -> s.setString(i, uuid(v).toString());
            case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                    "geometrycollection" -> (s, i, v) -> s.setBytes(i, MySqlGeometry.internal(v));
            default -> (s, i, v) -> {
                if (v instanceof byte[] bytes) {
                    s.setBytes(i, bytes);
                } else {
                    s.setString(i, text(v));
                }
            };
        };
    }

    private static ColumnBinder integer(long min, long max) {
        return (s, i, v) -> s.setLong(i, ExactNumbers.toLong(v, min, max));
    }

    /** Text of a value: a list (a PostgreSQL array) as a JSON array, anything else as {@link TextValues#text}. */
    private static String text(Object value) {
        return value instanceof List<?> list ? JsonValues.arrayText(list) : TextValues.text(value);
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
    private static ColumnBinder bits(int size) {
        long max = size >= 63 ? Long.MAX_VALUE : (1L << size) - 1;
        return (s, i, v) -> {
            if (v instanceof byte[] bytes) {
                s.setBytes(i, fitBytes(bytes, (size + 7) / 8));
            } else if (v instanceof Boolean b) {
                s.setLong(i, b ? 1 : 0);
            } else {
                s.setLong(i, ExactNumbers.toLong(v, 0, max));
            }
        };
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
