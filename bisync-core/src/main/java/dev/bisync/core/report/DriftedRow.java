package dev.bisync.core.report;

import dev.bisync.api.RowImage;

/**
 * A row that differs between the two sides of a sync and stayed so after the lanes had applied every change
 * captured before it was read (an online verify's finding), or one still changing when the verify gave up on it.
 * Each side's row is in that side's own column names, as its database holds it; null when the side has no row.
 *
 * @param table the table, as side A names it
 * @param key   the row's key, in side A's key column names
 * @param sideA side A's name
 * @param rowA  side A's row, or null
 * @param sideB side B's name
 * @param rowB  side B's row, or null
 */
public record DriftedRow(String table, RowImage key, String sideA, RowImage rowA, String sideB, RowImage rowB) {

    @Override
    public String toString() {
        return table + " key " + key.values() + ": " + sideA + " " + (rowA == null ? "(no row)" : rowA.values())
                + ", " + sideB + " " + (rowB == null ? "(no row)" : rowB.values());
    }
}
