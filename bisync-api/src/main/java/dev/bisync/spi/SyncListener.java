package dev.bisync.spi;

import dev.bisync.api.Health;

/**
 * Callbacks on what a sync does. Every method defaults to doing nothing, so that methods added later break no one.
 *
 * <p>Lane events are called on the lane's own threads ({@code bisync-<sync>-<lane>} and
 * {@code bisync-<sync>-<lane>-applier}), alerts on the sync's watch thread ({@code bisync-<sync>-watch}),
 * synchronously: keep them short, and thread-safe. An exception thrown from a callback is logged and otherwise
 * ignored.
 */
public interface SyncListener {

    /** A lane started consuming. */
    default void laneStarted(String lane) {
    }

    /** A lane committed a batch: {@code applied} rows written, {@code consumed} records read. */
    default void batchCommitted(String lane, int consumed, int applied) {
    }

    /** A conflict was decided. */
    default void conflictDecided(String lane, Conflict conflict, ConflictDecision decision) {
    }

    /** A lane's health changed; {@code reason} says why. */
    default void laneStateChanged(String lane, Health state, String reason) {
    }

    /** A lane stopped; {@code error} is null for a normal stop. */
    default void laneStopped(String lane, Throwable error) {
    }

    /** An alert rule's condition has held for its duration (see {@link dev.bisync.api.config.AlertRules}). */
    default void alertRaised(dev.bisync.api.Alert alert) {
    }

    /** A raised alert's condition no longer holds. */
    default void alertCleared(dev.bisync.api.Alert alert) {
    }
}
