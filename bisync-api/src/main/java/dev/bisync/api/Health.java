package dev.bisync.api;

/**
 * How well a lane, or a whole sync, is doing its job: the state {@code BiSync.health()} and {@code BiSync.status()}
 * report and {@link dev.bisync.spi.SyncListener#laneStateChanged} tells.
 */
public enum Health {
    /** Starting: connecting, joining its consumer group, positioning its partitions (a sync reports it DEGRADED). */
    STARTING,
    /** Doing its job. */
    UP,
    /** Running but not doing its job fully: retrying a failure, or showing a symptom of the alert rules; the reason
     *  says which. */
    DEGRADED,
    /** Stopped (a lane), or a lane or a connector stopped (a sync); the reason says what to change. */
    DOWN
}
