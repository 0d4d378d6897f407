package dev.bisync.spi.dialect;

/**
 * The kinds of column bisync's own tables are made of (offsets, conflicts, replay marks, the initial copy's
 * progress): the tables are declared once, in {@code bisync-core}, and a {@link Dialect} only names each kind in its
 * database ({@link StoreSyntax#type}).
 */
public enum StoreType {
    /** A 64-bit key the database generates, the table's primary key. */
    GENERATED_KEY,
    /** Text of at most the given number of characters (keys and indexes may cover it). */
    VARCHAR,
    /** Text without a bound (JSON row images, reasons, key texts). */
    TEXT,
    /** A 32-bit integer. */
    INT,
    /** A 64-bit integer. */
    BIGINT,
    /** A point in time, to the microsecond. */
    INSTANT
}
