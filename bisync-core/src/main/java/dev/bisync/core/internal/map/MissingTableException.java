package dev.bisync.core.internal.map;

import dev.bisync.api.BisyncException;

/** The target has no table for a source table, or it has no primary key: the lane cannot go on (fatal). */
public final class MissingTableException extends BisyncException {

    private static final long serialVersionUID = 1L;

    public MissingTableException(String message) {
        super(message);
    }
}
