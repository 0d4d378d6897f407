package dev.bisync.api;

/**
 * A value the target column cannot hold exactly (out of range, too long, an enum member the target lacks, an
 * invalid date). Permanent for the one event that carries it: the event goes to the dead-letter topic with this
 * message, the rest of the batch is applied. The initial copy lists the row in its report.
 */
public class RejectedValueException extends BisyncException {

    private static final long serialVersionUID = 1L;

    private final String column;
    private final String value;
    private final String reason;

    public RejectedValueException(String message) {
        this(message, null, null, null);
    }

    /**
     * A rejection that also names its parts apart, for reports.
     *
     * @param message the whole message
     * @param column  the column written, {@code table.column}; may be null
     * @param value   the value as shown in the message; may be null
     * @param reason  why the column cannot hold it; may be null
     */
    public RejectedValueException(String message, String column, String value, String reason) {
        super(message);
        this.column = column;
        this.value = value;
        this.reason = reason;
    }

    /** The column written ({@code table.column}), or null when not known apart from the message. */
    public String column() {
        return column;
    }

    /** The value as the message shows it, or null when not known apart from the message. */
    public String value() {
        return value;
    }

    /** Why the column cannot hold the value, or null when not known apart from the message. */
    public String reason() {
        return reason;
    }
}
