package dev.bisync.spi.values;

import dev.bisync.api.BisyncException;
import dev.bisync.api.RejectedValueException;
import dev.bisync.api.TableId;
import dev.bisync.api.UnrepresentableValue;

import java.util.HexFormat;

/**
 * Why a value does not fit a column, thrown by the conversions of this package (and by a dialect's own checks)
 * and turned by the dialect's {@link dev.bisync.spi.dialect.ColumnBinder#checked binders} into the {@link RejectedValueException} that
 * names the table, the column and the value:
 *
 * <pre>{@code
 * try {
 *     statement.setLong(index, ExactNumbers.toLong(value, Short.MIN_VALUE, Short.MAX_VALUE));
 * } catch (UnfitValueException e) {
 *     throw e.rejection(table, column.name(), column.typeName(), value);
 * }
 * }</pre>
 *
 * <p>Its message is only the reason, worded to follow the value ({@code has 3 fractional digits, the column keeps
 * 2}). Carries no stack trace: it is an answer, not a bug. Left to escape from {@code bind}, it stops the lane like
 * any other runtime exception: a dialect must turn it into a rejection.
 */
public final class UnfitValueException extends BisyncException {

    private static final long serialVersionUID = 1L;
    /** Longer values are cut to this many characters in messages. */
    private static final int SHOWN = 60;

    /**
     * An exception for one reason.
     *
     * @param reason why the value does not fit, worded to follow the value, e.g. {@code is not a UUID}
     */
    public UnfitValueException(String reason) {
        super(reason, null, false, false);
    }

    /**
     * The exception for a value whose Java type the column cannot take.
     *
     * @param value    the value; not null
     * @param expected what the column takes, worded to follow "cannot be written as", e.g. {@code a number}
     * @return the exception, to throw; its reason is {@code a <type> cannot be written as <expected>}
     */
    public static UnfitValueException wrongType(Object value, String expected) {
        return new UnfitValueException("a " + value.getClass().getSimpleName() + " cannot be written as " + expected);
    }

    /**
     * Refuses a value the source holds but no target can ({@link UnrepresentableValue}), with its reason; does
     * nothing for any other value. Called first by every conversion of a column ({@code ColumnBinder.checked}, the
     * dialects' bulk loaders), so such a value is never written as something else.
     *
     * @param value the canonical value, or null
     * @throws UnfitValueException for an {@link UnrepresentableValue}
     */
    public static void refuseUnrepresentable(Object value) {
        if (value instanceof UnrepresentableValue u) {
            throw new UnfitValueException(u.reason());
        }
    }

    /**
     * The exception a dialect's {@code bind} throws, which sends the event to the dead-letter topic.
     *
     * @param table  the table written to
     * @param column the name of the column the value was bound for
     * @param type   the column's type name
     * @param value  the value as it was given to {@code bind} (shown by {@link #shown})
     * @return the exception, to throw; its message is {@code cannot write <value> into <table>.<column> (<type>):
     *         <reason>}
     */
    public RejectedValueException rejection(TableId table, String column, String type, Object value) {
        String shown = shown(value);
        return new RejectedValueException("cannot write " + shown + " into " + table + "." + column
                + " (" + type + "): " + getMessage(), table + "." + column, shown, getMessage());
    }

    /**
     * The value for a message: strings in quotes, other values with their Java type ({@code 12.5 (BigDecimal)}),
     * bytes as their count and first 16 bytes in hex; text longer than 80 characters is cut to 60 and followed by
     * its length in characters.
     *
     * @param value the value; not null
     * @return the value's text for a message; never null
     */
    public static String shown(Object value) {
        if (value instanceof byte[] bytes) {
            int n = Math.min(bytes.length, 16);
            return "bytes[" + bytes.length + "] 0x" + HexFormat.of().formatHex(bytes, 0, n)
                    + (bytes.length > n ? "..." : "");
        }
        String text = String.valueOf(value);
        boolean isString = value instanceof String;
        String quote = isString ? "'" : "";
        String type = value.getClass().getSimpleName();
        if (text.length() <= SHOWN + 20) {
            return quote + text + quote + (isString ? "" : " (" + type + ")");
        }
        int cut = Character.isHighSurrogate(text.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN;
        return quote + text.substring(0, cut) + "..." + quote + " (" + text.codePointCount(0, text.length())
                + " characters" + (isString ? "" : ", " + type) + ")";
    }
}
