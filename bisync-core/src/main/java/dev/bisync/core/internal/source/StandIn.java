package dev.bisync.core.internal.source;

import dev.bisync.api.UnrepresentableValue;
import dev.bisync.spi.ColumnMetadata;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * The kinds of value that Debezium's MariaDB/MySQL connector may send in place of the one the source holds: how to
 * spot a candidate in a change image (cheaply, without the source), and how the source's value, read back by key,
 * refutes it.
 */
enum StandIn {

    /**
     * {@code DATE}, {@code DATETIME}, {@code TIMESTAMP}: the binlog reader turns a zero date, or one with a zero month
     * or day, into null, and a date no calendar holds (or a zero {@code TIMESTAMP}) into the epoch. Refuted when the
     * source holds a date no target holds (read as an {@link UnrepresentableValue}).
     */
    DATE {
        @Override
        boolean suspect(Object sent, ColumnMetadata column) {
            if (sent == null) {
                return column.nullable();
            }
            if (sent instanceof LocalDate date) {
                return date.equals(LocalDate.EPOCH);
            }
            if (sent instanceof LocalDateTime dateTime) {
                return dateTime.toLocalDate().equals(LocalDate.EPOCH);
            }
            return sent instanceof Instant instant && instant.equals(Instant.EPOCH);
        }

        @Override
        Refutation refute(Object sent, Object held) {
            return held instanceof UnrepresentableValue u ? new Refutation(u.text(), "it " + u.reason()) : null;
        }
    },

    /**
     * {@code ENUM}, {@code SET}: the connector maps the binlog's member number to a label it read from the table's
     * definition as the server shows it, where a character outside the BMP is {@code ?} and a backslash keeps the
     * escape it was written with ({@code a\\b} for {@code a\b}). Refuted when the source holds another text.
     */
    LABEL {
        @Override
        boolean suspect(Object sent, ColumnMetadata column) {
            return sent instanceof String text && (text.indexOf('?') >= 0 || text.indexOf('\\') >= 0);
        }

        @Override
        Refutation refute(Object sent, Object held) {
            return held == null || held.equals(sent) ? null : new Refutation("'" + held + "'", "Debezium's "
                    + "MariaDB/MySQL connector takes ENUM and SET labels from the table's definition as the server "
                    + "shows it, where a character outside the BMP is ? and a backslash keeps its escape");
        }
    };

    /** The kind of stand-in a column's values may be, or null for a column whose values capture sends as held. */
    static StandIn of(ColumnMetadata column) {
        return switch (column.typeName().toLowerCase(Locale.ROOT)) {
            case "date", "datetime", "timestamp" -> DATE;
            case "enum", "set" -> LABEL;
            default -> null;
        };
    }

    /** Whether a value capture sent for the column may stand in for another one. */
    abstract boolean suspect(Object sent, ColumnMetadata column);

    /**
     * Whether the source's value refutes the one capture sent: null when it does not.
     *
     * @param held the source's value now, read by the initial copy's reader
     */
    abstract Refutation refute(Object sent, Object held);

    /**
     * What the source holds where capture sent a stand-in.
     *
     * @param held the source's value as text, e.g. {@code 2023-02-31}
     * @param why  why capture could not send it, worded to follow the value
     */
    record Refutation(String held, String why) {
    }
}
