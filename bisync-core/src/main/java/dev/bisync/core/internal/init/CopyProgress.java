package dev.bisync.core.internal.init;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters of a running initial copy, updated by the copy threads after each committed chunk and read by the
 * progress line: tables done of total, rows and bytes copied, the estimated total rows (from the databases'
 * statistics) for the ETA. Thread-safe.
 */
public final class CopyProgress {

    private final long startNanos = System.nanoTime();
    private final AtomicInteger tablesTotal = new AtomicInteger();
    private final AtomicInteger tablesDone = new AtomicInteger();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong estimatedRows = new AtomicLong();

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

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** {@code tables 12/203, 1,234,567 rows, 345.6 MB, 45,678 rows/s, 6.1 MB/s, ETA 1m20s}. */
    public String line() {
        double seconds = Math.max(1e-3, elapsed().toNanos() / 1e9);
        long r = rows.get();
        double rate = r / seconds;
        long remaining = estimatedRows.get() - r;
        String eta = rate <= 0 || remaining <= 0 || tablesDone.get() == tablesTotal.get() ? "-"
                : duration((long) (remaining / rate));
        return String.format("tables %d/%d, %,d rows, %.1f MB, %,.0f rows/s, %.1f MB/s, ETA %s", tablesDone.get(),
                tablesTotal.get(), r, bytes.get() / 1e6, rate, bytes.get() / 1e6 / seconds, eta);
    }

    private static String duration(long seconds) {
        return seconds >= 3600 ? seconds / 3600 + "h" + seconds % 3600 / 60 + "m"
                : seconds >= 60 ? seconds / 60 + "m" + seconds % 60 + "s" : seconds + "s";
    }
}
