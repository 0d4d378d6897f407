package dev.bisync.spi;

import java.util.Objects;

/**
 * How a lane tells that a change conflicts with the target's row, chosen per table
 * ({@code SyncConfig.Builder.conflictDetection}). A change is first compared with the target row: when the target
 * already holds what the change would leave, it is skipped, whatever the detection. Otherwise, under every method,
 * an insert of a key the target holds, and an update or delete of a row the target no longer holds, are conflicts.
 * For an update or delete of a row the target holds, the method decides:
 *
 * <table>
 * <caption>Detection methods</caption>
 * <tr><th>method</th><th>a conflict when</th></tr>
 * <tr><td>{@link #byPrimaryKey()}</td><td>never: the row exists, the change applies</td></tr>
 * <tr><td>{@link #byChangedColumns()}</td><td>a column the update changes holds, on the target, another value
 * than both the update's before-image and its new value: both sides changed it, differently (deletes: never)</td></tr>
 * <tr><td>{@link #byOldValues()} (the default)</td><td>any column of the before-image differs from the target
 * row</td></tr>
 * <tr><td>{@link #byTimestamp(String)}, {@link #byVersion(String)}</td><td>the named column differs between the
 * before-image and the target row: someone wrote the row since</td></tr>
 * </table>
 *
 * @param method what is compared
 * @param column the timestamp or version column, for {@link Method#TIMESTAMP} and {@link Method#VERSION}; else null
 */
public record ConflictDetection(Method method, String column) {

    /** The detection methods. */
    public enum Method {
        /** By primary key only. */
        PRIMARY_KEY,
        /** By the columns an update changes. */
        CHANGED_COLUMNS,
        /** By the whole before-image. */
        OLD_VALUES,
        /** By a timestamp column. */
        TIMESTAMP,
        /** By a version column. */
        VERSION
    }

    public ConflictDetection {
        Objects.requireNonNull(method, "method");
        boolean needsColumn = method == Method.TIMESTAMP || method == Method.VERSION;
        if (needsColumn && (column == null || column.isBlank())) {
            throw new IllegalArgumentException(method + " detection needs a column name");
        }
        if (!needsColumn && column != null) {
            throw new IllegalArgumentException(method + " detection takes no column");
        }
    }

    /** By primary key only: updates and deletes of an existing row never conflict. */
    public static ConflictDetection byPrimaryKey() {
        return new ConflictDetection(Method.PRIMARY_KEY, null);
    }

    /** By the columns an update changes: only a concurrent change to the same columns conflicts. */
    public static ConflictDetection byChangedColumns() {
        return new ConflictDetection(Method.CHANGED_COLUMNS, null);
    }

    /** By the whole before-image (the default). */
    public static ConflictDetection byOldValues() {
        return new ConflictDetection(Method.OLD_VALUES, null);
    }

    /** By a timestamp column that every write of the row sets, e.g. {@code updated_at}. */
    public static ConflictDetection byTimestamp(String column) {
        return new ConflictDetection(Method.TIMESTAMP, column);
    }

    /** By a version column that every write of the row increments. */
    public static ConflictDetection byVersion(String column) {
        return new ConflictDetection(Method.VERSION, column);
    }

    @Override
    public String toString() {
        return column == null ? method.name().toLowerCase() : method.name().toLowerCase() + "(" + column + ")";
    }
}
