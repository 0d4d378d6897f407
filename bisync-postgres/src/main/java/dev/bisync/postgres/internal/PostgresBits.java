package dev.bisync.postgres.internal;

import dev.bisync.spi.values.ExactNumbers;
import dev.bisync.spi.values.UnfitValueException;

import java.math.BigInteger;

/**
 * PostgreSQL {@code bit(n)} and {@code bit varying(n)} against bisync's canonical bit values, which are those of
 * MySQL/MariaDB {@code BIT(n)}: a Boolean for one bit, else the bits as a number in big-endian bytes (the first
 * bit of the string is the most significant). A {@code bit varying} value's leading zeros are not kept.
 */
final class PostgresBits {

    private PostgresBits() {
    }

    /**
     * The bit string of a value for a column of {@code size} bits ({@code bit(n)}: padded with leading zeros to
     * n; {@code varbit}: as many bits as the number needs, at most n, 0 meaning unlimited).
     */
    static String text(Object value, int size, String type) {
        String bits;
        if (value instanceof Boolean b) {
            bits = b ? "1" : "0";
        } else if (value instanceof byte[] bytes) {
            bits = new BigInteger(1, bytes).toString(2);
        } else if (value instanceof String text && text.matches("[01]+")) {
            bits = text.replaceFirst("^0+(?=.)", "");
        } else {
            BigInteger n = ExactNumbers.toBigInteger(value);
            if (n.signum() < 0) {
                throw new UnfitValueException("is negative, a bit string holds a number from 0");
            }
            bits = n.toString(2);
        }
        if (size > 0 && bits.length() > size && bits.replaceFirst("^0+(?=.)", "").length() > size) {
            throw new UnfitValueException("needs more than the column's " + size + " bits");
        }
        if ("bit".equals(type) && bits.length() < size) {
            bits = "0".repeat(size - bits.length()) + bits;
        }
        return bits;
    }

    /**
     * The canonical value of a bit string: a Boolean for {@code bit(1)}, else big-endian bytes, as many as the
     * column's size needs (so that a {@code varbit(16)} reads as two bytes, as Debezium's Bits and MySQL's BIT(16)
     * have them).
     */
    static Object value(String bits, int size, String type) {
        if (bits == null) {
            return null;
        }
        if ("bit".equals(type) && size == 1) {
            return "1".equals(bits);
        }
        byte[] bytes = new byte[Math.max(1, (Math.max(size, bits.length()) + 7) / 8)];
        byte[] number = bits.isEmpty() ? new byte[0] : new BigInteger(bits, 2).toByteArray();
        int copy = Math.min(number.length, bytes.length);
        System.arraycopy(number, number.length - copy, bytes, bytes.length - copy, copy);
        return bytes;
    }
}
