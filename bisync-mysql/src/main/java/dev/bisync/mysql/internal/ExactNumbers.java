package dev.bisync.mysql.internal;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Converts canonical numbers, and numbers in text form, to what a numeric column holds, exactly: a value that would
 * be rounded, truncated or clipped is refused with an {@link UnfitValueException}.
 */
final class ExactNumbers {

    private ExactNumbers() {
    }

    /** The value as a whole number in {@code [min, max]}. */
    static long toLong(Object value, long min, long max) {
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

    /** The value as a whole number of any size. */
    static BigInteger toBigInteger(Object value) {
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

    /** The value as a decimal, exactly as given (a double by its shortest decimal form). */
    static BigDecimal toBigDecimal(Object value) {
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
            if (!Double.isFinite(d)) {
                throw new UnfitValueException("is not a finite number");
            }
            return new BigDecimal(value.toString());
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
     * The decimal for a column of {@code precision} digits, {@code scale} of them after the point, at the column's
     * scale; a precision of 0 means unconstrained. Fails when a non-zero digit would be lost or the integer part is
     * too long.
     */
    static BigDecimal fitDecimal(BigDecimal value, int precision, int scale) {
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

    /** The value as a double, if a double holds it exactly (as its shortest decimal form). */
    static double toDouble(Object value) {
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

    /** The value as a float, if a float holds it exactly (as its shortest decimal form). */
    static float toFloat(Object value) {
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
