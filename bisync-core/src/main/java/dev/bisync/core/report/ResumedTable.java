package dev.bisync.core.report;

/**
 * A table whose initial copy continued after the rows an earlier run (or an earlier attempt of the same run) had
 * copied, in a new snapshot, rather than starting again from its first row.
 *
 * @param direction  the copy direction, named as its lane ({@code mariadb-to-postgres})
 * @param table      the source table's name
 * @param rowsBefore rows copied before (not counted again in {@link InitReport#rows()})
 * @param segment    the number of the key range copied by this run, from 2 (the table's keys up to the last one
 *                   copied before came from earlier snapshots)
 */
public record ResumedTable(String direction, String table, long rowsBefore, int segment) {

    @Override
    public String toString() {
        return String.format("%s %s: resumed after %,d rows (segment %d)", direction, table, rowsBefore, segment);
    }
}
