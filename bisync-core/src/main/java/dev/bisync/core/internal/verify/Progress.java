package dev.bisync.core.internal.verify;

import java.time.Duration;

/**
 * A verify's progress line, at most once per interval: the table, side A's rows read of the estimated total, the
 * rate and the time left at that rate ({@code verify: orders, 120,000 of ~1,000,000 rows (12%), 40,211 rows/s, ETA
 * 22 s}). Used by the verifying thread.
 */
final class Progress {

    private final long estimate;
    private final long everyNanos;
    private final VerifyRun.VerifyListener listener;
    private final long started = System.nanoTime();
    private long rows;
    private long lastLine = System.nanoTime();
    private String table = "";

    Progress(long estimate, Duration every, VerifyRun.VerifyListener listener) {
        this.estimate = estimate;
        this.everyNanos = every.toNanos();
        this.listener = listener;
    }

    void table(String name) {
        table = name;
    }

    void rows(long read) {
        rows += read;
        listener.rowsRead(read);
        long now = System.nanoTime();
        if (everyNanos > 0 && now - lastLine >= everyNanos) {
            lastLine = now;
            listener.progress(line(now));
        }
    }

    private String line(long now) {
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        double rate = rows / seconds;
        StringBuilder sb = new StringBuilder("verify: ").append(table).append(", ")
                .append(String.format("%,d", rows));
        if (estimate > 0) {
            long total = Math.max(estimate, rows);
            sb.append(String.format(" of ~%,d rows (%d%%)", total, rows * 100 / total));
            sb.append(String.format(", %,.0f rows/s", rate));
            sb.append(rate > 0 ? String.format(", ETA %d s", Math.round((total - rows) / rate)) : "");
        } else {
            sb.append(String.format(" rows, %,.0f rows/s", rate));
        }
        return sb.toString();
    }
}
