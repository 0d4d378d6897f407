package dev.bisync.core.report;

import dev.bisync.api.Health;
import dev.bisync.api.Alert;

import java.time.Instant;
import java.util.List;

/**
 * The health of a whole sync: {@code DOWN} when a lane is DOWN or a Debezium connector (or one of its tasks) failed
 * or is missing; {@code DEGRADED} when a lane is starting, retrying, or shows a symptom of the alert rules
 * (dead-lettering, retrying, parking conflicts, stalled, lag unknown: {@link dev.bisync.api.config.AlertRules}), a connector
 * is not running (paused, unassigned, restarting), or the Connect REST API cannot be reached; else {@code UP}.
 *
 * @param status     UP, DEGRADED or DOWN (never STARTING: a starting lane makes the sync DEGRADED)
 * @param reason     why it is not UP (each cause, separated by "; "); empty when UP
 * @param lanes      each lane's health
 * @param connectors each watched connector's state (empty when no Connect URL is configured)
 * @param alerts     the alerts open now
 * @param at         when it was read
 */
public record SyncHealth(Health status, String reason, List<LaneStatus> lanes, List<ConnectorStatus> connectors,
        List<Alert> alerts, Instant at) {

    public SyncHealth {
        lanes = List.copyOf(lanes);
        connectors = List.copyOf(connectors);
        alerts = List.copyOf(alerts);
    }

    /** Whether the sync is DOWN. */
    public boolean isDown() {
        return status == Health.DOWN;
    }
}
