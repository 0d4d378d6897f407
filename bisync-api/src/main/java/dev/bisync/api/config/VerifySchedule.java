package dev.bisync.api.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A verify that the running sync makes by itself, every {@code interval}: both sides compared while the lanes run
 * (as {@code bisync verify} compares them), its findings in the {@code bisync.verify.*} meters and, on drift, the
 * alert {@code VERIFY_DRIFT}. Off by default.
 *
 * @param interval         the time between the end of one verify and the start of the next; zero: off
 * @param chunkRows        side A's rows per chunk, 1 to 1,000,000
 * @param captureAllowance how long a committed change may take to reach Kafka, 0 to 10 minutes
 */
public record VerifySchedule(Duration interval, int chunkRows, Duration captureAllowance) {

    /** No scheduled verify. */
    public static final VerifySchedule OFF = new VerifySchedule(Duration.ZERO, 5000, Duration.ofSeconds(2));

    /** A verify every {@code interval}, with the default chunk size and capture allowance. */
    public static VerifySchedule every(Duration interval) {
        return new VerifySchedule(interval, OFF.chunkRows, OFF.captureAllowance);
    }

    /** Whether a verify is scheduled. */
    public boolean enabled() {
        return interval != null && !interval.isZero();
    }

    /** Every problem of these settings, each with its fix; empty when none. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (interval == null || interval.isNegative()) {
            problems.add("verify interval is " + interval + ": use zero (off) or a positive duration, e.g. 1h");
        }
        if (chunkRows < 1 || chunkRows > 1_000_000) {
            problems.add("verify chunkRows is " + chunkRows + ": use 1 to 1000000 (default " + OFF.chunkRows + ")");
        }
        if (captureAllowance == null || captureAllowance.isNegative()
                || captureAllowance.compareTo(Duration.ofMinutes(10)) > 0) {
            problems.add("verify captureAllowance is " + captureAllowance + ": use 0 to 10 minutes (default "
                    + OFF.captureAllowance.toSeconds() + " s)");
        }
        return problems;
    }
}
