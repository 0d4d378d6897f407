package dev.bisync.api;

/**
 * A failure that may go away by itself. Host code — a {@link dev.bisync.spi.ConflictStrategy} or a
 * {@link dev.bisync.spi.TableMapper} — throws it for one change it cannot handle now (a lookup service down, say):
 * the change is tried again with the batch, up to {@link dev.bisync.api.config.SyncConfig#eventAttempts()} times, and then sent to the
 * lane's dead-letter topic with the message, like a change that fails for its data; the rest of the batch is
 * applied. (A {@link dev.bisync.spi.SyncListener}'s exceptions are logged and ignored: the listener is told, not
 * asked.)
 */
public class RetriableException extends BisyncException {

    private static final long serialVersionUID = 1L;

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
