package dev.bisync.core.internal.health;

import dev.bisync.api.Health;

/**
 * What the watch reads from one lane at one moment.
 *
 * @param lane         the lane's name
 * @param status       its own state: STARTING, UP, DEGRADED or DOWN
 * @param reason       why it is not UP
 * @param lagRecords   records waiting in its topics (-1: not known yet)
 * @param lagSeconds   how far behind its source it is, in seconds
 * @param errors       events failed or dead-lettered since start
 * @param deadLetters  events dead-lettered since start
 * @param retries      batch attempts retried since start
 * @param parked       conflicts parked for manual resolution since start
 * @param committed    records of committed batches since start (its progress)
 * @param substituted  changes refused since start because capture sent a value in place of the source's
 */
public record LaneSample(String lane, Health status, String reason, long lagRecords, double lagSeconds, long errors,
        long deadLetters, long retries, long parked, long committed, long substituted) {

    /** A sample without refused substitutions. */
    public LaneSample(String lane, Health status, String reason, long lagRecords, double lagSeconds, long errors,
            long deadLetters, long retries, long parked, long committed) {
        this(lane, status, reason, lagRecords, lagSeconds, errors, deadLetters, retries, parked, committed, 0);
    }

    /** A sample with only the figures the older rules read (no retries, parked conflicts or progress). */
    public LaneSample(String lane, Health status, String reason, long lagRecords, double lagSeconds, long errors,
            long deadLetters) {
        this(lane, status, reason, lagRecords, lagSeconds, errors, deadLetters, 0, 0, 0, 0);
    }
}
