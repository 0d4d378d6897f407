package dev.bisync.core.internal.init;

import dev.bisync.core.report.RejectedRow;
import dev.bisync.core.report.ResumedTable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of a running initial copy, updated by the copy threads after each committed chunk and read by the
 * progress line: tables done of total, rows and bytes copied, the rows written by each write path (a bulk path such
 * as {@code COPY}, or {@value #UPSERT}), the estimated total rows (from the databases' statistics) for the ETA.
 * Thread-safe.
 */
public final class CopyProgress {

    /** The name of the write path of upserts (with the bulk paths' names, {@code COPY}, {@code LOAD DATA}). */
    public static final String UPSERT = "upsert";

    private final long startNanos = System.nanoTime();
    private final AtomicInteger tablesTotal = new AtomicInteger();
    private final AtomicInteger tablesDone = new AtomicInteger();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong estimatedRows = new AtomicLong();
    private final Queue<ResumedTable> resumed = new ConcurrentLinkedQueue<>();
    private final Queue<RejectedRow> rejected = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> writtenBy = new ConcurrentHashMap<>();

    void addTables(int total) {
        tablesTotal.addAndGet(total);
    }

    void estimate(long tableRows) {
        estimatedRows.addAndGet(Math.max(0, tableRows));
    }

    void chunk(long chunkRows, long chunkBytes) {
        rows.addAndGet(chunkRows);
        bytes.addAndGet(chunkBytes);
    }

    /** A table's copy continues after {@code rowsBefore} rows an earlier run copied, in segment {@code segment}. */
    void resumed(String direction, String table, long rowsBefore, int segment) {
        resumed.add(new ResumedTable(direction, table, rowsBefore, segment));
        estimatedRows.addAndGet(-rowsBefore);
    }

    /** A row of a committed chunk that was not written (the target refused it). */
    void rejected(RejectedRow row) {
        rejected.add(row);
    }

    /** Rows written (and committed) by a write path: {@value #UPSERT} or a bulk loader's method. */
    void written(String method, long writtenRows) {
        if (writtenRows > 0) {
            writtenBy.computeIfAbsent(method, m -> new LongAdder()).add(writtenRows);
        }
    }

    void tableDone() {
        tablesDone.incrementAndGet();
    }

    public long rows() {
        return rows.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public int tablesDone() {
        return tablesDone.get();
    }

    /** The tables whose copy continued after rows copied before (by an earlier run or attempt). */
    public List<ResumedTable> resumed() {
        return List.copyOf(resumed);
    }

    /** The rows not written because the target refused them, in the order they were met. */
    public List<RejectedRow> rejected() {
        return List.copyOf(rejected);
    }

    /** Rows written by each write path, by its name ({@value #UPSERT}, {@code COPY}, {@code LOAD DATA}). */
    public Map<String, Long> writtenBy() {
        Map<String, Long> snapshot = new TreeMap<>();
        writtenBy.forEach((method, n) -> snapshot.put(method, n.sum()));
        return snapshot;
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /**
     * {@code tables 12/203, 1,234,567 rows, 345.6 MB, 45,678 rows/s, 6.1 MB/s, ETA 1m20s, written by COPY 1,200,000,
     * upsert 34,567}, when rows were refused {@code , 3 rejected}, and when tables resumed
     * {@code , 1 table resumed after 120,000 rows} (rows copied before, not counted in the rows of this run).
     */
    public String line() {
        double seconds = Math.max(1e-3, elapsed().toNanos() / 1e9);
        long r = rows.get();
        double rate = r / seconds;
        long remaining = estimatedRows.get() - r;
        String eta = rate <= 0 || remaining <= 0 || tablesDone.get() == tablesTotal.get() ? "-"
                : duration((long) (remaining / rate));
        String line = String.format("tables %d/%d, %,d rows, %.1f MB, %,.0f rows/s, %.1f MB/s, ETA %s",
                tablesDone.get(), tablesTotal.get(), r, bytes.get() / 1e6, rate, bytes.get() / 1e6 / seconds, eta)
                + writtenByText();
        if (!rejected.isEmpty()) {
            line += String.format(", %,d rejected", rejected.size());
        }
        List<ResumedTable> tables = resumed();
        if (tables.isEmpty()) {
            return line;
        }
        return line + String.format(", %d table%s resumed after %,d rows", tables.size(),
                tables.size() == 1 ? "" : "s", tables.stream().mapToLong(ResumedTable::rowsBefore).sum());
    }

    private String writtenByText() {
        StringBuilder text = new StringBuilder();
        writtenBy().forEach((method, n) -> text.append(text.isEmpty() ? ", written by " : ", ").append(method)
                .append(String.format(" %,d", n)));
        return text.toString();
    }

    private static String duration(long seconds) {
        return seconds >= 3600 ? seconds / 3600 + "h" + seconds % 3600 / 60 + "m"
                : seconds >= 60 ? seconds / 60 + "m" + seconds % 60 + "s" : seconds + "s";
    }
}
