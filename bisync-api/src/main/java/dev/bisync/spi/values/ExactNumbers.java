package dev.bisync.spi.values;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Converts canonical numbers, and numbers in text form, to what a numeric column holds, exactly: a value that would
 * be rounded, truncated or clipped is refused with an {@link UnfitValueException}.
 *
 * <p>A {@code Double} or {@code Float} counts as its shortest decimal form ({@code 0.1f} is {@code 0.1}, not
 * {@code 0.100000001490116...}), the form a database prints and Debezium carries. Stateless and thread-safe.
 */
public final class ExactNumbers {

    private ExactNumbers() {
    }

    /**
     * The value as a whole number in {@code [min, max]}, for an integer column.
     *
     * @param value a {@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code BigInteger},
     *              {@code Boolean} (1 or 0), or a decimal, floating-point number or text without a fractional part
     * @param min   the smallest value the column holds
     * @param max   the largest value the column holds
     * @return the value as a {@code long}
     * @throws UnfitValueException when the value is not a whole number, is outside {@code [min, max]}, or is of
     *                             another type
     */
    public static long toLong(Object value, long min, long max) {
        long v;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            v = ((Number) value).longValue();
        } else {
            BigInteger big = toBigInteger(value);
            if (big.bitLength() > 63) {
                throw outOfRange(min, max);
            }
            v = big.longValue();
        }
        if (v < min || v > max) {
            throw outOfRange(min, max);
        }
        return v;
    }

    /**
     * The value as a whole number of any size (an unsigned {@code BIGINT}, a {@code numeric} without scale).
     *
     * @param value a {@code BigInteger}, {@code Long}, {@code Integer}, {@code Short}, {@code Byte},
     *              {@code Boolean} (1 or 0), or a decimal, floating-point number or text without a fractional part
     * @return the value; never null
     * @throws UnfitValueException when the value has a non-zero fractional part, is not a finite number, or is of
     *                             another type
     */
    public static BigInteger toBigInteger(Object value) {
        if (value instanceof BigInteger big) {
            return big;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        try {
            return toBigDecimal(value).toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new UnfitValueException("is not a whole number");
        }
    }

    /**
     * The value as a decimal, exactly as given.
     *
     * @param value a {@code BigDecimal}, {@code BigInteger}, {@code Long}, {@code Integer}, {@code Short},
     *              {@code Byte}, a finite {@code Double} or {@code Float} (by its shortest decimal form), or text
     *              that {@link BigDecimal#BigDecimal(String)} reads (surrounding spaces ignored)
     * @return the value, at the scale it was given with; never null
     * @throws UnfitValueException when the value is NaN or infinite, is text that is not a number, or is of another
     *                             type (a {@code Boolean} too)
     */
    public static BigDecimal toBigDecimal(Object value) {
        BigDecimal exact = decimalOrNull(value);
        if (exact != null) {
            return exact;
        }
        if (value instanceof Double || value instanceof Float) {
            throw new UnfitValueException("is not a finite number");
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                throw new UnfitValueException("is not a number");
            }
        }
        throw UnfitValueException.wrongType(value, "a number");
    }

    /**
     * The exact value of a canonical number, the one normalisation behind {@link #toBigDecimal} and behind the
     * comparisons of values of different Java types ({@link CanonicalOrder}).
     *
     * @param value any object, or null
     * @return the value as a decimal if it is a {@code BigDecimal}, {@code BigInteger}, {@code Long},
     *         {@code Integer}, {@code Short}, {@code Byte}, or a finite {@code Double} or {@code Float} (by its
     *         shortest decimal form); otherwise null (text, booleans, NaN, infinities, null, other types)
     */
    public static BigDecimal decimalOrNull(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(value.toString()) : null;
        }
        return null;
    }

    /**
     * The decimal for a column of {@code precision} digits, {@code scale} of them after the point.
     *
     * @param value     the decimal to store
     * @param precision the column's total digits; 0 or less means unconstrained (PostgreSQL {@code numeric}
     *                  without precision), and the value is returned as it is
     * @param scale     the column's digits after the point
     * @return the value at the column's scale (trailing zeros added or removed)
     * @throws UnfitValueException when a non-zero fractional digit would be lost or the integer part has more than
     *                             {@code precision - scale} digits
     */
    public static BigDecimal fitDecimal(BigDecimal value, int precision, int scale) {
        if (precision <= 0) {
            return value;
        }
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (stripped.scale() > scale) {
            throw new UnfitValueException("has " + stripped.scale() + " fractional digits, the column keeps " + scale);
        }
        int integerDigits = stripped.precision() - stripped.scale();
        if (integerDigits > precision - scale) {
            throw new UnfitValueException("has " + integerDigits + " integer digits, the column keeps "
                    + (precision - scale));
        }
        return stripped.setScale(scale);
    }

    /**
     * The value as a double, for a double precision column.
     *
     * @param value a {@code Double} (NaN and infinities included), a {@code Float} (by its shortest decimal form),
     *              the text {@code NaN}, {@code Infinity} or {@code -Infinity}, or any value {@link #toBigDecimal}
     *              takes
     * @return the double whose shortest decimal form is the value
     * @throws UnfitValueException when no double has exactly the value (too many digits, out of range), or
     *                             {@link #toBigDecimal} refuses it
     */
    public static double toDouble(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Float f) {
            return Double.parseDouble(f.toString());
        }
        if (value instanceof String text && isNonFinite(text)) {
            return Double.parseDouble(text.trim());
        }
        BigDecimal exact = toBigDecimal(value);
        double d = exact.doubleValue();
        if (!Double.isFinite(d) || new BigDecimal(Double.toString(d)).compareTo(exact) != 0) {
            throw new UnfitValueException("has more digits than a double precision number holds");
        }
        return d;
    }

    /**
     * The value as a float, for a single precision ({@code real}, {@code float4}, MySQL {@code float}) column.
     *
     * @param value a {@code Float} (NaN and infinities included), the text {@code NaN}, {@code Infinity} or
     *              {@code -Infinity}, or any value {@link #toBigDecimal} takes (a {@code Double} by its shortest
     *              decimal form)
     * @return the float whose shortest decimal form is the value
     * @throws UnfitValueException when no float has exactly the value (too many digits, out of range), or
     *                             {@link #toBigDecimal} refuses it
     */
    public static float toFloat(Object value) {
        if (value instanceof Float f) {
            return f;
        }
        if (value instanceof String text && isNonFinite(text)) {
            return Float.parseFloat(text.trim());
        }
        BigDecimal exact = toBigDecimal(value);
        float f = exact.floatValue();
        if (!Float.isFinite(f) || new BigDecimal(Float.toString(f)).compareTo(exact) != 0) {
            throw new UnfitValueException("has more digits than a single precision number holds");
        }
        return f;
    }

    private static boolean isNonFinite(String text) {
        String t = text.trim();
        return t.equals("NaN") || t.equals("Infinity") || t.equals("-Infinity");
    }

    private static UnfitValueException outOfRange(long min, long max) {
        return new UnfitValueException("is out of the column's range " + min + ".." + max);
    }
}
