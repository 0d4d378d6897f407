package dev.bisync.benchmarks.convergence;

import dev.bisync.testkit.DatabaseEndpoint;

import java.time.Duration;

/**
 * Waits, after the load, until the sync has nothing left to do: both lanes have applied every record of their
 * source topics (lag 0, from the offsets they stored with their writes) and both sides' checksums have stood still
 * for {@link #STABLE_SAMPLES} samples a second apart. Bounded: past the limit the run is "not converged".
 */
final class Quiescence {

    static final int STABLE_SAMPLES = 4;

    /** Whether it happened, and after how long (the limit when it did not). */
    record Outcome(boolean quiesced, double seconds, String last) {
    }

    private Quiescence() {
    }

    static Outcome await(KafkaView kafka, ShopSync sync, DatabaseEndpoint maria, DatabaseEndpoint pg, Duration limit)
            throws Exception {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        String lastDigests = "";
        int stable = 0;
        String last = "";
        while (System.nanoTime() < deadline) {
            long toPg = kafka.lag(ShopSync.LANES.get(0), sync.sourceTopics(ShopSync.LANES.get(0)), pg);
            long toMaria = kafka.lag(ShopSync.LANES.get(1), sync.sourceTopics(ShopSync.LANES.get(1)), maria);
            String digests = CanonicalRows.read(maria).digest() + "/" + CanonicalRows.read(pg).digest();
            last = "lag mariadb-to-postgres " + toPg + ", postgres-to-mariadb " + toMaria + "; checksums " + digests;
            if (toPg == 0 && toMaria == 0 && digests.equals(lastDigests)) {
                stable++;
                if (stable >= STABLE_SAMPLES - 1) {
                    return new Outcome(true, (System.nanoTime() - start) / 1e9, last);
                }
            } else {
                stable = 0;
            }
            lastDigests = digests;
            Thread.sleep(1000);
        }
        return new Outcome(false, limit.toSeconds(), last);
    }
}
