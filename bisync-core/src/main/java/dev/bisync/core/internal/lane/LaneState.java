package dev.bisync.core.internal.lane;

import dev.bisync.api.Health;

/**
 * A lane's health at one moment.
 *
 * @param status UP, DEGRADED (retrying a transient failure) or DOWN (stopped)
 * @param reason why, for DEGRADED and DOWN; empty when UP
 */
public record LaneState(Health status, String reason) {

    static LaneState up() {
        return new LaneState(Health.UP, "");
    }
}
