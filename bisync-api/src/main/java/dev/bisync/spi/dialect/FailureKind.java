package dev.bisync.spi.dialect;

/** How bad a database error is for a lane. */
public enum FailureKind {
    /** May pass by itself (connection lost, deadlock, serialization failure, lock timeout): retry the batch. */
    TRANSIENT,
    /** Caused by one event's data (constraint violation, value out of range): dead-letter that event, go on. */
    PERMANENT,
    /** Nothing will work until a person acts (authentication, missing privilege, missing table): stop the lane. */
    FATAL
}
