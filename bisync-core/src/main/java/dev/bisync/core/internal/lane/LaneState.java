package dev.bisync.core.internal.lane;

/**
 * A lane's health at one moment.
 *
 * @param status UP, DEGRADED (retrying a transient failure) or DOWN (stopped)
 * @param reason why, for DEGRADED and DOWN; empty when UP
 */
public record LaneState(Status status, String reason) {

    /** The three levels of health. */
    public enum Status { STARTING, UP, DEGRADED, DOWN }

    static LaneState up() {
        return new LaneState(Status.UP, "");
    }
}
