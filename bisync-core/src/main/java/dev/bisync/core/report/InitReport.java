package dev.bisync.core.report;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an initial sync did.
 *
 * @param tablesCopied tables copied by this run, over all directions (tables done by an earlier run are not copied
 *                     again)
 * @param tablesTotal  tables of the sync, over all directions
 * @param rows         rows read from the source side(s) by this run (all of them written, except in a both-ways fill,
 *                     which writes only the rows the other side lacks)
 * @param writtenBy    rows written by each write path, by its name: {@code upsert}, or a bulk path such as
 *                     {@code COPY} (PostgreSQL) or {@code LOAD DATA} (MySQL/MariaDB), used for a table that is empty
 *                     when its copy starts
 * @param bytes        size of the values copied (characters of text, bytes of binaries, 8 per other value)
 * @param took         the copy's wall time (without verification)
 * @param checks       the per-table comparison of both sides; empty when verification was turned off
 * @param resumed      the tables whose copy continued after rows copied before (a crash, a transient failure)
 *                     rather than from their first row; their earlier rows are not in {@code rows}
 * @param rejected     the rows read but not written because the target refused them (a value it cannot hold, a
 *                     constraint), each with its table, key, column, value and reason; the rest of their tables is
 *                     copied (and {@code rows} counts them, as rows read). Those of this run and of earlier runs
 *                     whose copy of the table stands (kept in the target's {@code bisync_init_rejected}), so that a
 *                     run that finds the table done still reports them; not those a replay of their dead letters
 *                     ({@code bisync dlq replay}) has copied since
 */
public record InitReport(int tablesCopied, int tablesTotal, long rows, Map<String, Long> writtenBy, long bytes,
        Duration took, List<TableCheck> checks, List<ResumedTable> resumed, List<RejectedRow> rejected) {

    public InitReport {
        writtenBy = Map.copyOf(writtenBy);
        checks = List.copyOf(checks);
        resumed = List.copyOf(resumed);
        rejected = List.copyOf(rejected);
    }

    /**
     * Whether every table was copied whole and, when verified, is equal on both sides: no rejected row, no
     * mismatch.
     */
    public boolean complete() {
        return rejected.isEmpty() && mismatches().isEmpty();
    }

    /**
     * The tables that differ for a reason other than their rejected rows: a table that differs and had no row
     * rejected (by this run) is something else — rows only the target holds, a change on one side.
     */
    public List<TableCheck> unexplainedMismatches() {
        return mismatches().stream().filter(c -> rejected.stream()
                .noneMatch(r -> r.direction().equals(c.direction()) && r.table().equals(c.table()))).toList();
    }

    /** The tables whose rows differ between the sides. */
    public List<TableCheck> mismatches() {
        return checks.stream().filter(c -> !c.equal()).toList();
    }

    /** Rows per second of the copy. */
    public double rowsPerSecond() {
        return rows / Math.max(1e-3, took.toNanos() / 1e9);
    }
}
