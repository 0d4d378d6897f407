package dev.bisync.spi.dialect;

/**
 * What a {@link Dialect} supplies for bisync's own tables (offsets, conflicts, replay marks, copy progress), which
 * the engine declares once: the column types, the current time, and the table options. Their upserts use
 * {@link RowStatements#upsertClause}. Called when the engine creates or writes its tables, on the caller's thread.
 */
public interface StoreSyntax {

    /**
     * The column type for {@code type}; {@code length} is the most characters of a {@link StoreType#VARCHAR}
     * (ignored otherwise). {@link StoreType#GENERATED_KEY} includes whatever makes the database generate the key;
     * the table declares it its primary key.
     */
    String type(StoreType type, int length);

    /** The current time, as a column default and in bisync's statements, e.g. {@code now()}. */
    String now();

    /** What follows the column list of a {@code CREATE TABLE} (storage engine, character set); default none. */
    default String tableOptions() {
        return "";
    }
}
