package dev.bisync.api;

/**
 * A value the target column cannot hold exactly (out of range, too long, an enum member the target lacks, an
 * invalid date). Permanent for the one event that carries it: the event goes to the dead-letter topic with this
 * message, the rest of the batch is applied.
 */
public class RejectedValueException extends BisyncException {

    private static final long serialVersionUID = 1L;

    public RejectedValueException(String message) {
        super(message);
    }
}
