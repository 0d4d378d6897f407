package dev.bisync.core.internal.source;

import dev.bisync.api.UnrepresentableValue;
import dev.bisync.spi.dialect.ColumnMetadata;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Set;

/**
 * The kinds of value that Debezium's connectors may send in place of the one the source holds: which columns may carry
 * one, how to spot a candidate in a change image (cheaply, without the source), and how the source's value, read back
 * by key, refutes it.
 */
enum StandIn {

    /**
     * {@code DATE}, {@code DATETIME}, {@code TIMESTAMP}: the binlog reader turns a zero date, or one with a zero month
     * or day, into null, and a date no calendar holds (or a zero {@code TIMESTAMP}) into the epoch. Refuted when the
     * source holds a date no target holds (read as an {@link UnrepresentableValue}).
     */
    DATE {
        @Override
        boolean covers(String type) {
            return type.equals("date") || type.equals("datetime") || type.equals("timestamp");
        }

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
        boolean covers(String type) {
            return type.equals("enum") || type.equals("set");
        }

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
    },

    /**
     * PostgreSQL {@code interval}: the connector reads {@code infinity} and {@code -infinity} (PostgreSQL 17 and later)
     * as a zero interval. Refuted when the source holds an infinity (read as an {@link UnrepresentableValue}).
     */
    INTERVAL {
        @Override
        boolean covers(String type) {
            return type.equals("interval");
        }

        @Override
        boolean suspect(Object sent, ColumnMetadata column) {
            return sent instanceof Duration duration && duration.isZero();
        }

        @Override
        Refutation refute(Object sent, Object held) {
            return DATE.refute(sent, held);
        }
    };

    /** The kinds of stand-in Debezium's MariaDB/MySQL connector sends. */
    static final Set<StandIn> BINLOG = Set.of(DATE, LABEL);
    /** The kinds of stand-in Debezium's PostgreSQL connector sends. */
    static final Set<StandIn> POSTGRES = Set.of(INTERVAL);

    /** The kind among {@code kinds} of the stand-ins a column's values may be, or null. */
    static StandIn of(ColumnMetadata column, Set<StandIn> kinds) {
        String type = column.typeName().toLowerCase(Locale.ROOT);
        for (StandIn kind : kinds) {
            if (kind.covers(type)) {
                return kind;
            }
        }
        return null;
    }

    /** Whether columns of this type (lower case, as the source's metadata names it) may carry this stand-in. */
    abstract boolean covers(String type);

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
