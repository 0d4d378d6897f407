package dev.bisync.api;

/**
 * A failure that may go away by itself (connection lost, deadlock, serialization failure, lock timeout, broker
 * unavailable). The lane retries the whole batch with backoff and does not advance its offsets.
 */
public class RetriableException extends BisyncException {

    private static final long serialVersionUID = 1L;

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
