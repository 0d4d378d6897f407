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
}
