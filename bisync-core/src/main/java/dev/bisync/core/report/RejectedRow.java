package dev.bisync.core.report;

/**
 * A source row the initial copy did not write, because the target refused one of its values (out of range, too
 * long, a zero or invalid date, a {@code NaN} ...) or the target database refused the row (a constraint). The rest
 * of its table is copied; the verification then lists the table as differing. The row is also a dead letter of the
 * lane of its direction, which {@link DeadLetterReplay} copies once the cause is fixed.
 *
 * @param direction the copy direction, named as its lane ({@code mariadb-to-postgres})
 * @param table     the source table's name
 * @param key       the row's key values, in normal text: {@code (42)}, {@code (7, 'x')}
 * @param column    the target column refused, {@code namespace.table.column}; null when the database refused the
 *                  row as a whole
 * @param value     the value as shown in messages ({@code '2023-02-31'}, {@code NaN (UnrepresentableValue)}); null
 *                  when the database refused the row as a whole
 * @param reason    why: the binder's reason, or the database's message with its SQLState
 */
public record RejectedRow(String direction, String table, String key, String column, String value, String reason) {

    @Override
    public String toString() {
        return direction + " " + table + " key " + key + ": " + (column == null ? "" : "cannot write " + value
                + " into " + column + ": ") + reason;
    }
}
