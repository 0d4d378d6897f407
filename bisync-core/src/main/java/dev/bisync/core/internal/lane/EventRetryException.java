package dev.bisync.core.internal.lane;

/**
 * Some changes of a batch failed for their own data and have attempts left ({@code SyncConfig.eventAttempts}):
 * the batch was rolled back, nothing was dead-lettered, and the caller tries it again after a short pause with
 * the target's metadata read afresh (a column added to the target in the meantime is then found).
 */
final class EventRetryException extends Exception {

    private static final long serialVersionUID = 1L;

    EventRetryException(String message) {
        super(message);
    }
}
