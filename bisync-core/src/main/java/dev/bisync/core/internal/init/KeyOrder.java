package dev.bisync.core.internal.init;

import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.values.ExactNumbers;
import dev.bisync.spi.values.TemporalValues;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The order the source database sorts primary-key values in, reproduced in Java for the column types where that can
 * be done exactly: integers and exact decimals (by value), dates, date-times and timestamps (by instant, a value
 * without zone in UTC), times of day (by length from midnight; MariaDB's times beyond a day and below zero too), and
 * on PostgreSQL {@code uuid} and {@code bytea} (bytewise, unsigned). Text (ordered by a collation), floating-point
 * numbers, booleans, enums, MariaDB's {@code uuid} (its own byte order) and everything else are not: a table keyed by
 * such a column is not resumed inside (see {@link #inexact}). Stateless.
 */
final class KeyOrder {

    /** Type names (as the dialects describe them) of both families whose order is reproduced here. */
    private static final Set<String> EXACT = Set.of(
            "tinyint", "tinyint unsigned", "smallint", "smallint unsigned", "mediumint", "mediumint unsigned", "int",
            "int unsigned", "bigint", "bigint unsigned", "decimal", "decimal unsigned", "datetime",
            "int2", "int4", "int8", "numeric", "timestamptz",
            "date", "time", "timestamp");
    /** Type names whose order is bytewise on PostgreSQL only (MariaDB's {@code uuid} sorts its groups swapped). */
    private static final Set<String> EXACT_ON_POSTGRES = Set.of("uuid", "bytea");

    private KeyOrder() {
    }

    /**
     * Why Java cannot compare this key's values exactly as {@code source} sorts them, for the log; null when it can.
     */
    static String inexact(Dialect source, List<ColumnMetadata> key) {
        boolean postgres = source.name().startsWith("PostgreSQL");
        for (ColumnMetadata column : key) {
            String type = column.typeName();
            if (!EXACT.contains(type) && !(postgres && EXACT_ON_POSTGRES.contains(type))) {
                return "key column " + column.name() + " is of type " + type + ", whose order in " + source.name()
                        + " bisync cannot reproduce exactly";
            }
        }
        return null;
    }

    /**
     * Compares two canonical values of one key column, as the source database orders them.
     *
     * @throws IllegalArgumentException when the values are not of the types this order covers
     */
    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            BigDecimal da = ExactNumbers.decimalOrNull(x);
            BigDecimal db = ExactNumbers.decimalOrNull(y);
            if (da != null && db != null && !(x instanceof Double || x instanceof Float || y instanceof Double
                    || y instanceof Float)) {
                return da.compareTo(db);
            }
        }
        if (isTime(a) && isTime(b)) {
            return sinceMidnight(a).compareTo(sinceMidnight(b));
        }
        Instant ia = TemporalValues.instantOrNull(a);
        Instant ib = TemporalValues.instantOrNull(b);
        if (ia != null && ib != null) {
            return ia.compareTo(ib);
        }
        if (a instanceof UUID x && b instanceof UUID y) {
            int high = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
            return high != 0 ? high : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        throw new IllegalArgumentException("cannot order key values " + a.getClass().getSimpleName() + " and "
                + b.getClass().getSimpleName() + " exactly");
    }

    private static boolean isTime(Object value) {
        return value instanceof LocalTime || value instanceof Duration;
    }

    private static Duration sinceMidnight(Object time) {
        return time instanceof LocalTime t ? Duration.ofNanos(t.toNanoOfDay()) : (Duration) time;
    }
}
