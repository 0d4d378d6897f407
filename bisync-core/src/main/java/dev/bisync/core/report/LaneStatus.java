package dev.bisync.core.report;

import dev.bisync.api.Health;

/**
 * The health of one lane.
 *
 * @param lane         the lane's name, e.g. {@code mariadb-to-postgres}
 * @param status       {@code STARTING}, {@code UP}, {@code DEGRADED} (retrying a transient failure, without a
 *                     connection to any Kafka broker, or showing a symptom of the alert rules: dead-lettering,
 *                     retrying, parking conflicts, stalled, lag unknown) or {@code DOWN} (stopped; the reason says
 *                     what to change)
 * @param reason       why it is not UP (the lane's own reason, then each symptom's alert message, separated by
 *                     "; "); empty when UP
 * @param applied      changes written to the target since start
 * @param lagRecords   records waiting in its topics (not yet fetched, or fetched and not yet applied); -1 before
 *                     the lane knows
 * @param lagSeconds   how far behind its source it is, in seconds (0 when nothing waits)
 * @param deadLettered records sent to its dead-letter topic since start
 */
public record LaneStatus(String lane, Health status, String reason, long applied, long lagRecords, double lagSeconds,
        long deadLettered) {
}
