package dev.bisync.core.report;

import dev.bisync.api.RowImage;

import java.time.Instant;

/**
 * One row of a side's {@code bisync_conflicts} table: a conflict a lane met, what it decided, and — for a parked
 * one — whether a person has resolved it. Images are in the target side's column names.
 *
 * @param id             {@code <side>:<number>}: the side whose database holds the record (the lane's target) and
 *                       the record's number there
 * @param lane           the lane that met the conflict
 * @param sourceSide     the side the change came from
 * @param targetSide     the side it was to be written to
 * @param sourceTable    the source table, {@code namespace.name}
 * @param targetTable    the target table, {@code namespace.name}
 * @param operation      the change's operation ({@code create}, {@code update}, {@code delete}, {@code read})
 * @param key            the row's key
 * @param before         the change's before-image, or null
 * @param incoming       the row the change would leave, or null for a delete
 * @param target         the target's row when the conflict was met, or null if it had none
 * @param merged         the merged row, for a merge decision; else null
 * @param strategy       the strategy that decided, as it describes itself
 * @param decision       {@code apply}, {@code keep_target}, {@code merge} or {@code park}
 * @param status         {@code decided}, {@code parked} or {@code resolved}
 * @param reason         the strategy's reason
 * @param sourceTopic    the Kafka record it came from: topic
 * @param sourcePartition partition
 * @param sourceOffset   offset
 * @param createdAt      when the lane recorded it
 * @param resolvedAt     when a person resolved it, or null
 * @param resolution     how it was resolved ({@code take-source}, {@code take-target}, {@code take-merged},
 *                       {@code replay: ...}), or null
 */
public record ConflictRecord(String id, String lane, String sourceSide, String targetSide, String sourceTable,
        String targetTable, String operation, RowImage key, RowImage before, RowImage incoming, RowImage target,
        RowImage merged, String strategy, String decision, String status, String reason, String sourceTopic,
        int sourcePartition, long sourceOffset, Instant createdAt, Instant resolvedAt, String resolution) {

    /** Whether it waits for a person. */
    public boolean isParked() {
        return "parked".equals(status);
    }
}
