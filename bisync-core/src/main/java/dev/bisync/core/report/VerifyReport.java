package dev.bisync.core.report;

import java.time.Duration;
import java.util.List;

/**
 * What an online verify found.
 *
 * @param tables    each table compared: its rows on both sides and chunks
 * @param drift     rows that differ and stayed so once the lanes had passed the positions they were read at
 * @param unsettled rows that differed and were still changing (or the lanes had not caught up) when the verify
 *                  stopped re-checking them: neither drift nor equal
 * @param took      how long it took
 */
public record VerifyReport(List<TableVerification> tables, List<DriftedRow> drift, List<DriftedRow> unsettled,
        Duration took) {

    public VerifyReport {
        tables = List.copyOf(tables);
        drift = List.copyOf(drift);
        unsettled = List.copyOf(unsettled);
    }

    /**
     * One table's comparison.
     *
     * @param table       the table, as side A names it
     * @param rowsA       rows read on side A
     * @param rowsB       rows read on side B
     * @param chunks      key-range chunks compared
     * @param chunksDiffering chunks whose checksums differed at first reading (in-flight changes included)
     * @param drifted     rows found drifted
     */
    public record TableVerification(String table, long rowsA, long rowsB, long chunks, long chunksDiffering,
            long drifted) {
    }

    /** Whether both sides held the same rows (no drift, nothing unsettled). */
    public boolean clean() {
        return drift.isEmpty() && unsettled.isEmpty();
    }

    /** Rows read on both sides. */
    public long rows() {
        return tables.stream().mapToLong(t -> t.rowsA() + t.rowsB()).sum();
    }
}
