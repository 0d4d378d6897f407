package dev.bisync.core.internal.health;

/**
 * What the watch reads from one lane at one moment.
 *
 * @param lane         the lane's name
 * @param status       its state: STARTING, UP, DEGRADED or DOWN
 * @param reason       why it is not UP
 * @param lagRecords   records waiting in its topics (-1: not known yet)
 * @param lagSeconds   how far behind its source it is, in seconds
 * @param errors       events failed or dead-lettered since start
 * @param deadLetters  events dead-lettered since start
 */
public record LaneSample(String lane, String status, String reason, long lagRecords, double lagSeconds, long errors,
        long deadLetters) {
}
