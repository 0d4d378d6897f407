package dev.bisync.api;

/** The root of every exception bisync throws. Unchecked. */
public class BisyncException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BisyncException(String message) {
        super(message);
    }

    public BisyncException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * For subclasses that are answers rather than bugs (and so need no stack trace), as in
     * {@link RuntimeException#RuntimeException(String, Throwable, boolean, boolean)}.
     */
    protected BisyncException(String message, Throwable cause, boolean enableSuppression,
            boolean writableStackTrace) {
        super(message, cause, enableSuppression, writableStackTrace);
    }
}
