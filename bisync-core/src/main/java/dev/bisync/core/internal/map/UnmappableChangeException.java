package dev.bisync.core.internal.map;

import dev.bisync.api.BisyncException;

/** A change that cannot be mapped onto the target (unknown column, missing key value); permanent for the event. */
public final class UnmappableChangeException extends BisyncException {

    private static final long serialVersionUID = 1L;

    public UnmappableChangeException(String message) {
        super(message);
    }
}
