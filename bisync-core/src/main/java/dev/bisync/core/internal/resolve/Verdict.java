package dev.bisync.core.internal.resolve;

/** What resolving decided for one change. */
public enum Verdict {
    /** The change is written. */
    WRITE,
    /** The target already holds what the change would write (or the row to delete is gone): nothing to do. */
    SKIP_EQUAL,
    /** A conflict decided for the target's row: the change is dropped. */
    KEEP_TARGET,
    /** A conflict parked for a person: the change is not written. */
    PARK,
    /** Deciding failed (the conflict strategy threw): the change goes to the dead-letter topic. */
    FAILED
}
