package dev.bisync.spi.values;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Orders canonical column values (see {@link dev.bisync.api.RowImage}) of possibly different Java types, so that
 * a value read from either database compares the same way: a {@code LocalDateTime} from one side against an
 * {@code Instant} from the other, a {@code Long} against a {@code BigDecimal}. The order behind
 * {@link dev.bisync.spi.ConflictStrategy#lastWriteWins}; a host's own strategy can use it the same way:
 *
 * <pre>{@code
 * ConflictStrategy higherVersionWins = conflict -> {
 *     Object incoming = conflict.incoming() == null ? null : conflict.incoming().get("version");
 *     Object target = conflict.target() == null ? null : conflict.target().get("version");
 *     if (incoming == null || target == null) {
 *         return ConflictDecision.abstain("no version to compare");
 *     }
 *     return CanonicalOrder.compare(incoming, target) > 0 ? ConflictDecision.apply("higher version")
 *             : ConflictDecision.keepTarget("version not higher");
 * };
 * }</pre>
 *
 * Stateless and thread-safe.
 */
public final class CanonicalOrder {

    private CanonicalOrder() {
    }

    /**
     * Compares two canonical values, by the first rule that applies to both:
     * <ol>
     * <li>two numbers, by exact value ({@link ExactNumbers#decimalOrNull}: {@code 2} = {@code 2.0}, a float by its
     *     shortest decimal form); where one is NaN, infinite or of an unknown {@code Number} type, by
     *     {@link Double#compare} of their double values (so {@code -Infinity} &lt; any finite number &lt;
     *     {@code Infinity} &lt; {@code NaN});</li>
     * <li>two points in time, by instant ({@link TemporalValues#instantOrNull}: a date-time without zone is UTC, a
     *     date is its midnight UTC);</li>
     * <li>two values of one {@link Comparable} class, by their natural order;</li>
     * <li>otherwise by their {@code toString()} texts.</li>
     * </ol>
     *
     * @param a a canonical value; not null
     * @param b a canonical value; not null
     * @return a negative number, zero or a positive number as {@code a} is before, at the same place as, or after
     *         {@code b}
     * @throws NullPointerException when {@code a} or {@code b} is null (a missing value has no place in the order:
     *                              decide about it before comparing)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a instanceof Number x && b instanceof Number y) {
            BigDecimal da = ExactNumbers.decimalOrNull(x);
            BigDecimal db = ExactNumbers.decimalOrNull(y);
            return da != null && db != null ? da.compareTo(db) : Double.compare(x.doubleValue(), y.doubleValue());
        }
        Instant ia = TemporalValues.instantOrNull(a);
        Instant ib = TemporalValues.instantOrNull(b);
        if (ia != null && ib != null) {
            return ia.compareTo(ib);
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }
}
