package dev.bisync.core.internal.lane;

/** What became of one consumed record. Every record gets exactly one. */
public enum Outcome {
    /** Its change was written to the target. */
    APPLIED("applied"),
    /** The target already held its values: nothing written. */
    SKIPPED_EQUAL("skipped-equal"),
    /** bisync's own write coming back: not applied. */
    ECHO("echo"),
    /** Already held by the initial copy of its table (changes from before the copy's snapshot): not applied. */
    ALREADY_COPIED("already-copied"),
    /** A change the connector sent again (after a connector restart) once its transaction had been applied whole. */
    DUPLICATE("duplicate"),
    /** Not a row change (tombstone, heartbeat, transaction marker, schema change). */
    FILTERED("filtered"),
    /** A conflict decided for the target row. */
    CONFLICT_KEPT_TARGET("conflict-kept-target"),
    /** A conflict parked for manual resolution. */
    CONFLICT_PARKED("conflict-parked"),
    /** Sent to the dead-letter topic. */
    DEAD_LETTERED("dead-lettered");

    private final String tag;

    Outcome(String tag) {
        this.tag = tag;
    }

    /** The metric tag value. */
    public String tag() {
        return tag;
    }
}
