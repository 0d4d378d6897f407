package dev.bisync.core.internal.lane;

import java.sql.SQLException;

/**
 * A batch's write broke a foreign key: a child arrived before its parent, or a parent's delete before its
 * children's. Debezium puts each table in its own topic, so the rest of the source transaction may come in the next
 * poll; the applier adds the next batch and tries again before it dead-letters anything.
 */
final class MissingReferenceException extends Exception {

    private static final long serialVersionUID = 1L;

    MissingReferenceException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
