package dev.bisync.benchmarks.convergence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one side's application did: transactions committed, and those it gave up because of the other side's
 * concurrent activity (normal in a bidirectional sync, not a harness failure), by cause; errors of any other kind
 * are kept (first few messages) and reported apart.
 */
public final class AppCounts {

    final AtomicLong committed = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong foreignKey = new AtomicLong();
    final AtomicLong rowGone = new AtomicLong();
    final AtomicLong deadlock = new AtomicLong();
    final AtomicLong noKey = new AtomicLong();
    final AtomicLong unexpected = new AtomicLong();
    private final List<String> unexpectedMessages = Collections.synchronizedList(new ArrayList<>());

    public long committed() {
        return committed.get();
    }

    /** Transactions given up because of the other side (foreign key, row gone, deadlock after retries). */
    public long skipped() {
        return foreignKey.get() + rowGone.get() + deadlock.get();
    }

    public long unexpected() {
        return unexpected.get();
    }

    public List<String> unexpectedMessages() {
        return List.copyOf(unexpectedMessages);
    }

    void unexpected(String message) {
        unexpected.incrementAndGet();
        if (unexpectedMessages.size() < 5) {
            unexpectedMessages.add(message);
        }
    }

    @Override
    public String toString() {
        return committed + " committed (" + retried + " retries); given up: " + foreignKey + " foreign key, " + rowGone
                + " row gone, " + deadlock + " deadlock; " + noKey + " picks found no key; " + unexpected
                + " unexpected errors";
    }
}
