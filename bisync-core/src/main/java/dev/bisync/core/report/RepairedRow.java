package dev.bisync.core.report;

import dev.bisync.api.RowImage;

/**
 * What a repair did (or, in a dry run, would do) to one drifted row.
 *
 * @param row        the drifted row, as the verify found it
 * @param writtenTo  the side written to, or null when nothing was written (the rule parks the row)
 * @param written    the row written, in that side's column names; null for a delete (or nothing written)
 * @param resolution how it was decided, e.g. {@code repair: take-mariadb}, {@code repair: rule apply by …}
 */
public record RepairedRow(DriftedRow row, String writtenTo, RowImage written, String resolution) {

    @Override
    public String toString() {
        if (writtenTo == null) {
            return row.table() + " key " + row.key().values() + ": left as it is (" + resolution + ")";
        }
        return row.table() + " key " + row.key().values() + ": " + (written == null ? "delete on " + writtenTo
                : "write to " + writtenTo + " " + written.values()) + " (" + resolution + ")";
    }
}
