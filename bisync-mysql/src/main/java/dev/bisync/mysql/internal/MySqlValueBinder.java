package dev.bisync.mysql.internal;

import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.ColumnBinder;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.values.ExactNumbers;
import dev.bisync.spi.values.JsonValues;
import dev.bisync.spi.values.TextValues;
import dev.bisync.spi.values.UnfitValueException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

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
        Conversion conversion = conversion(column);
        return ColumnBinder.checked(table, column, column.jdbcType(), conversion.setter());
    }

    /**
     * How a column's canonical values are converted, chosen once from its type: {@code convert} gives what is set on
     * the parameter, {@code form} says how (and how the LOAD DATA loader writes it). Shared by the binder and
     * {@link MySqlLoadDataLoader}, so both store the same. {@code convert} throws {@link UnfitValueException} for a
     * value the column cannot hold exactly; it is never called with null.
     *
     * @param convert the canonical value to the value set
     * @param form    the Java type of what {@code convert} returns, which picks the setter
     */
    record Conversion(Function<Object, Object> convert, Form form) {

        ColumnBinder setter() {
            return switch (form) {
                case TEXT -> (s, i, v) -> s.setString(i, (String) convert.apply(v));
                case BYTES -> (s, i, v) -> s.setBytes(i, (byte[]) convert.apply(v));
                case INTEGER, YEAR -> (s, i, v) -> s.setLong(i, (Long) convert.apply(v));
                case DECIMAL -> (s, i, v) -> s.setBigDecimal(i, (BigDecimal) convert.apply(v));
                // the float's exact value as a double: the server reads Float.toString's shortest text as a double
                // first, so the largest float (3.4028235E38) would be out of a FLOAT's range
                case FLOAT -> (s, i, v) -> s.setDouble(i, (Float) convert.apply(v));
                case DOUBLE -> (s, i, v) -> s.setDouble(i, (Double) convert.apply(v));
                case BITS, TEXT_OR_BYTES -> (s, i, v) -> {
                    Object x = convert.apply(v);
                    if (x instanceof byte[] bytes) {
                        s.setBytes(i, bytes);
                    } else if (x instanceof Long n) {
                        s.setLong(i, n);
                    } else {
                        s.setString(i, (String) x);
                    }
                };
            };
        }
    }

    /** The Java type a {@link Conversion} gives. */
    enum Form {
        /** String. */
        TEXT,
        /** byte[]. */
        BYTES,
        /** Long. */
        INTEGER,
        /** Long, a YEAR (the number 0 is the year 0000, where the text '0' would be 2000). */
        YEAR,
        /** BigDecimal. */
        DECIMAL,
        /** Float, sent as its exact double value. */
        FLOAT,
        /** Double. */
        DOUBLE,
        /** A BIT value: Long, or big-endian byte[]. */
        BITS,
        /** String or byte[], as the value came (a type bisync does not know). */
        TEXT_OR_BYTES
    }

    static Conversion conversion(ColumnMetadata column) {
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
            case "bigint unsigned" -> new Conversion(v -> new BigDecimal(unsignedBigint(v)), Form.DECIMAL);
            case "decimal", "decimal unsigned" -> new Conversion(v -> decimal(v, column), Form.DECIMAL);
            case "float", "float unsigned" -> new Conversion(v -> finite(ExactNumbers.toFloat(v)), Form.FLOAT);
            case "double", "double unsigned" -> new Conversion(v -> finite(ExactNumbers.toDouble(v)), Form.DOUBLE);
            case "bit" -> bits(size);
            case "char" -> text(v -> TextValues.fitLength(TextValues.withoutTrailingSpaces(text(v)), size));
            case "varchar" -> text(v -> TextValues.fitLength(text(v), size));
            case "tinytext", "text", "mediumtext", "longtext" -> text(v -> fitBytes(text(v), size));
            case "json" -> text(MySqlValueBinder::text);
            case "enum" -> text(v -> member(text(v), members));
            case "set" -> text(v -> members(v, members));
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> new Conversion(
                    v -> fitBytes(toBytes(v), size), Form.BYTES);
            case "date" -> text(MySqlTimes::dateText);
            case "datetime" -> text(v -> MySqlTimes.dateTimeText(v, size));
            case "timestamp" -> text(v -> MySqlTimes.timestampText(v, size));
            case "time" -> text(v -> MySqlTimes.timeText(v, size));
            case "year" -> new Conversion(v -> (long) year(v), Form.YEAR);
            case "uuid" -> text(v -> uuid(v).toString());
            case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                    "geometrycollection" -> new Conversion(MySqlGeometry::internal, Form.BYTES);
            default -> new Conversion(v -> v instanceof byte[] ? v : text(v), Form.TEXT_OR_BYTES);
        };
    }

    private static Conversion integer(long min, long max) {
        return new Conversion(v -> ExactNumbers.toLong(v, min, max), Form.INTEGER);
    }

    private static Conversion text(Function<Object, String> convert) {
        return new Conversion(convert::apply, Form.TEXT);
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
    private static Conversion bits(int size) {
        long max = size >= 63 ? Long.MAX_VALUE : (1L << size) - 1;
        return new Conversion(v -> v instanceof byte[] bytes ? fitBytes(bytes, (size + 7) / 8)
                : v instanceof Boolean b ? (Object) (b ? 1L : 0L) : (Object) ExactNumbers.toLong(v, 0, max), Form.BITS);
    }

    /**
     * An ENUM member. The members come from {@code information_schema}, whose text is utf8mb3 on MariaDB: a character
     * outside the Basic Multilingual Plane (an emoji) shows there as {@code ?}. So a {@code ?} of a listed member also
     * stands for any one character; the server's strict mode has the last word on such a value (its error dead-letters
     * the event, or reports the copied row).
     */
    private static String member(String text, List<String> members) {
        if (!members.contains(text) && members.stream().noneMatch(m -> m.indexOf('?') >= 0 && matches(text, m))) {
            throw new UnfitValueException("is not a member of " + members);
        }
        return text;
    }

    /** Whether {@code text} is {@code member} with each {@code ?} of it standing for any one code point. */
    private static boolean matches(String text, String member) {
        int[] t = text.codePoints().toArray();
        int[] m = member.codePoints().toArray();
        if (t.length != m.length) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            if (m[i] != '?' && m[i] != t[i]) {
                return false;
            }
        }
        return true;
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
        return TextValues.asBytes(value);
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
