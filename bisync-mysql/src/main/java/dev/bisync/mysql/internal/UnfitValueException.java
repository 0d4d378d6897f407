package dev.bisync.mysql.internal;

import dev.bisync.api.RejectedValueException;
import dev.bisync.api.TableId;
import dev.bisync.spi.ColumnMetadata;

import java.util.HexFormat;

/**
 * Why a value does not fit a column, thrown by the conversions and turned into a {@link RejectedValueException}
 * that names the table, the column and the value. Carries no stack trace: it is an answer, not a bug.
 */
final class UnfitValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    /** Longer values are cut to this many characters in messages. */
    private static final int SHOWN = 60;

    UnfitValueException(String reason) {
        super(reason, null, false, false);
    }

    /** The value's Java type is not one this column can take. */
    static UnfitValueException wrongType(Object value, String expected) {
        return new UnfitValueException("a " + value.getClass().getSimpleName() + " cannot be written as " + expected);
    }

    /** The exception for the dead-letter topic: {@code cannot write <value> into <table>.<column> (<type>): why}. */
    RejectedValueException rejection(TableId table, ColumnMetadata column, Object value) {
        return new RejectedValueException("cannot write " + shown(value) + " into " + table + "." + column.name()
                + " (" + column.typeName() + "): " + getMessage());
    }

    /** The value for a message: its text (cut when long, with its length) and its Java type. */
    static String shown(Object value) {
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
