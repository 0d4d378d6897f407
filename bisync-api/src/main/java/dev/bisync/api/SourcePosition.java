package dev.bisync.api;

import java.util.Objects;

/**
 * Where a change sits in its source database's log, ordered like the source committed it: first by transaction
 * ({@code transactionOrder}: PostgreSQL's commit LSN sequence, the binlog file and position of the transaction),
 * then by the change's place inside its transaction ({@code eventOrder}).
 *
 * @param transactionOrder orders transactions in commit order
 * @param eventOrder       orders the changes of one transaction
 * @param text             the position as the database shows it, for people (e.g. {@code 0/16B3748},
 *                         {@code mariadb-bin.000001:1234})
 */
public record SourcePosition(long transactionOrder, long eventOrder, String text) implements Comparable<SourcePosition> {

    public SourcePosition {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public int compareTo(SourcePosition other) {
        int c = Long.compare(transactionOrder, other.transactionOrder);
        return c != 0 ? c : Long.compare(eventOrder, other.eventOrder);
    }

    @Override
    public String toString() {
        return text;
    }
}
