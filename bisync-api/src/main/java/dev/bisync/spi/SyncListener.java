package dev.bisync.spi;

/**
 * Callbacks on what a sync does. Every method defaults to doing nothing, so that methods added later break no one.
 *
 * <p>Called on the lane's own thread (name {@code bisync-<sync>-<lane>}), synchronously: keep them short. An
 * exception thrown from a callback is logged and otherwise ignored.
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
    default void laneStateChanged(String lane, String state, String reason) {
    }

    /** A lane stopped; {@code error} is null for a normal stop. */
    default void laneStopped(String lane, Throwable error) {
    }
}
