package dev.bisync.spi.dialect;

/**
 * Everything bisync needs to know about one kind of database, as a capture source and as a write target, handed out
 * in parts, one per concern: the {@link #catalog() catalog} (tables, keys, statistics), the {@link #statements() SQL
 * texts} the lanes write rows with, the {@link #values() value conversions}, the {@link #writers() writer sessions}
 * and their echo mark, the {@link #capture() capture} configuration, the {@link #copy() initial copy}'s snapshot and
 * bulk path, the {@link #failures() classification of failures}, and the {@link #store() column types} of bisync's
 * own tables. Made by a {@link DialectProvider}.
 *
 * <p>Threads: a dialect and its parts are shared by the lanes of one sync and must be thread-safe (the built-in ones
 * are stateless). The engine asks for a part where it uses it; each call returns the same part. SQL texts are asked
 * for once per table shape when a table is first used and then cached by the engine; so are the per-column
 * conversions, which then run on a lane's thread for every value.
 *
 * <p>Exceptions: an {@link java.sql.SQLException} is classified with {@link Failures#classify}; a
 * {@link dev.bisync.api.RejectedValueException} from a {@link ColumnBinder binder} sends the one event to the
 * dead-letter topic; any other runtime exception stops the lane.
 */
public interface Dialect {

    /** The database product and version, e.g. {@code PostgreSQL 18.6}, for logs. */
    String name();

    /** Reads tables, their keys and their statistics. */
    Catalog catalog();

    /** The SQL texts that write and lock rows. */
    RowStatements statements();

    /** The conversions between canonical values and this database's columns. */
    ValueCodecs values();

    /** Prepares the sessions bisync writes through and recognises their writes in capture. */
    WriterSessions writers();

    /** The Debezium connector configuration and the server settings capture depends on. */
    Capture capture();

    /** The consistent snapshot and bulk path of an initial copy. */
    InitialCopy copy();

    /** How bad an error from this database is. */
    Failures failures();

    /** The column types of bisync's own tables. */
    StoreSyntax store();
}
