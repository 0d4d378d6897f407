package dev.bisync.core;

/**
 * Which dead letters of a lane to replay.
 *
 * @param table      only the records of this source table (by name, as in {@code SideConfig.tables()}); null for all
 * @param fromOffset the first dead-letter topic offset to replay (inclusive)
 * @param toOffset   the last dead-letter topic offset to replay (inclusive)
 */
public record ReplaySelection(String table, long fromOffset, long toOffset) {

    public ReplaySelection {
        if (fromOffset < 0 || toOffset < fromOffset) {
            throw new IllegalArgumentException("offset range " + fromOffset + ".." + toOffset + ": give 0 <= from <= to");
        }
        if (table != null && table.isBlank()) {
            throw new IllegalArgumentException("table is blank: give a table name, or null for all tables");
        }
    }

    /** Every dead letter of the lane. */
    public static ReplaySelection all() {
        return new ReplaySelection(null, 0, Long.MAX_VALUE);
    }

    /** The dead letters of one source table. */
    public static ReplaySelection table(String table) {
        return new ReplaySelection(table, 0, Long.MAX_VALUE);
    }

    /** The dead letters at these offsets of the dead-letter topic, both inclusive. */
    public static ReplaySelection offsets(long fromOffset, long toOffset) {
        return new ReplaySelection(null, fromOffset, toOffset);
    }
}
