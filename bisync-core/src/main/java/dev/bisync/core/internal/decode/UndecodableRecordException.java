package dev.bisync.core.internal.decode;

import dev.bisync.api.BisyncException;

/** A record that is not a Debezium change event bisync understands; permanent for that record (dead-letter). */
public final class UndecodableRecordException extends BisyncException {

    private static final long serialVersionUID = 1L;

    public UndecodableRecordException(String message) {
        super(message);
    }

    public UndecodableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
