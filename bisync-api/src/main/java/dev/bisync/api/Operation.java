package dev.bisync.api;

/** What a change did to a row, with Debezium's one-letter {@code op} code. */
public enum Operation {
    /** A row was inserted ({@code c}). */
    CREATE("c"),
    /** A row was read by a snapshot ({@code r}); applied like an insert. */
    READ("r"),
    /** A row was updated ({@code u}). */
    UPDATE("u"),
    /** A row was deleted ({@code d}). */
    DELETE("d"),
    /** A table was truncated ({@code t}). */
    TRUNCATE("t");

    private final String code;

    Operation(String code) {
        this.code = code;
    }

    /** Debezium's code for this operation. */
    public String code() {
        return code;
    }

    /** Whether the change leaves a row behind (insert, snapshot read, update). */
    public boolean writesRow() {
        return this == CREATE || this == READ || this == UPDATE;
    }

    /**
     * The operation for a Debezium {@code op} code.
     *
     * @throws IllegalArgumentException for an unknown or null code, naming it
     */
    public static Operation fromCode(String code) {
        if (code != null && code.length() == 1) {
            switch (code.charAt(0)) {
                case 'c': return CREATE;
                case 'r': return READ;
                case 'u': return UPDATE;
                case 'd': return DELETE;
                case 't': return TRUNCATE;
                default: break;
            }
        }
        throw new IllegalArgumentException("unknown Debezium op code '" + code + "' (expected c, r, u, d or t)");
    }
}
