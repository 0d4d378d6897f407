package dev.bisync.spi;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.RejectedValueException;
import dev.bisync.api.TableId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Everything bisync needs to know about one kind of database, as a capture source and as a write target.
 *
 * <p>Threads: a dialect instance is shared by the lanes of one sync and must be thread-safe (implementations are
 * stateless). SQL texts are asked for once per table shape when a table is first used and then cached by the
 * engine; so are the per-column conversions ({@link #binder}, {@link #reader}), which then run on a lane's thread for
 * every value.
 *
 * <p>Exceptions: an {@link SQLException} is classified with {@link #classify}; a {@link RejectedValueException}
 * from a {@link #binder binder} sends the one event to the dead-letter topic; any other runtime exception stops the
 * lane.
 */
public interface Dialect {

    /** The database product and version, e.g. {@code PostgreSQL 18.6}, for logs. */
    String name();

    /**
     * Reads a table's columns and primary key.
     *
     * @return the table, or null when it does not exist
     */
    TableMetadata describe(Connection connection, TableId table) throws SQLException;

    /** The identifier quoted for this database; it has been checked against the target's metadata before. */
    String quote(String identifier);

    /**
     * The statement that inserts one row or, when its primary key exists, overwrites the given columns. Parameters:
     * the values of {@code columns}, in order.
     */
    String upsertSql(TableMetadata table, List<ColumnMetadata> columns);

    /** The statement that deletes one row by primary key. Parameters: the key values, in key order. */
    String deleteSql(TableMetadata table);

    /**
     * The query that returns all columns of the rows with any of {@code keyCount} primary keys, and locks them until
     * the transaction ends ({@code FOR UPDATE}), so that no other session changes a row between the moment the
     * engine decides about it and the moment it writes it. It locks them in key order ({@code ORDER BY} the key),
     * whatever the plan, so that the lane always takes its row locks in one order. Parameters: the key values of each key in turn, in key
     * order. Columns come back in table order.
     */
    String selectByKeysSql(TableMetadata table, int keyCount);

    /**
     * The conversion that binds canonical values (see {@link dev.bisync.api.RowImage}) to {@code column}'s
     * parameters, converted to what the column holds, chosen from the column's metadata (type, length, precision,
     * scale, signedness, members). Called once per column when the engine first uses a table (and again after its
     * metadata is read anew), on the lane's applier thread; the engine keeps the result with the table's statements
     * and calls it for every value. {@link ColumnBinder#checked} gives the null handling and the rejection.
     *
     * @return the binder; never null. It throws {@link RejectedValueException} when the column cannot hold a value
     *         exactly (the reason names table, column and value)
     */
    ColumnBinder binder(TableId table, ColumnMetadata column);

    /**
     * The conversion that reads {@code column} as a canonical value, chosen from its metadata; called once per
     * column like {@link #binder}.
     *
     * @return the reader; never null
     */
    ColumnReader reader(ColumnMetadata column);

    /**
     * The conversion the initial copy and its verification read a source column with: every value the column can
     * hold, including those that capture cannot carry and no target can hold (a MariaDB zero date, February 31, a
     * PostgreSQL numeric {@code NaN}), which it reads as {@link dev.bisync.api.UnrepresentableValue} so that the copy
     * refuses the row with the reason and the verification tells the value from what a lane wrote. The lanes read
     * target rows with {@link #reader}, which reads a value as capture sends it, so that they compare like with like.
     * Called once per column when a table's copy or verification starts, on that copy thread.
     *
     * @return the reader; never null. By default {@link #reader}
     */
    default ColumnReader copyReader(ColumnMetadata column) {
        return reader(column);
    }

    /**
     * The expression that selects {@code column} for its {@link #reader}, where the column's own text would lose
     * part of the value (MariaDB sends a {@code FLOAT} with 6 significant digits; as a {@code DOUBLE} it is exact).
     * Called once per column when a reading statement is built (the initial copy's chunks), on the caller's thread.
     *
     * @return SQL for the select list; never null. By default the quoted column name
     */
    default String selectExpression(ColumnMetadata column) {
        return quote(column.name());
    }

    /**
     * Binds one value through a binder made for this call alone ({@link #binder}); for tests and one-off use, the
     * engine keeps its binders.
     *
     * @throws RejectedValueException when the column cannot hold the value exactly
     */
    default void bind(PreparedStatement statement, int index, TableId table, ColumnMetadata column, Object value)
            throws SQLException {
        binder(table, column).bind(statement, index, value);
    }

    /** Reads one column of the current row through a reader made for this call alone ({@link #reader}). */
    default Object read(ResultSet resultSet, int index, ColumnMetadata column) throws SQLException {
        return reader(column).read(resultSet, index);
    }

    /**
     * Prepares a connection bisync writes through: session settings (time zone UTC, strict modes) and the echo
     * mark, so that the database's change capture leaves out, or labels, what is written through it.
     *
     * @param slot the connection's number within its pool, from 0; marks that only one session may hold at a time
     *             (a PostgreSQL replication origin) are made per slot
     * @return how the writes are marked, for the start-up log, e.g. {@code replication origin bisync_shop_0}
     */
    String prepareWriterSession(Connection connection, EchoIdentity echo, int slot) throws SQLException;

    /**
     * Called on a writer session that {@link #prepareWriterSession} prepared, inside its transaction, just before
     * each commit. Default: nothing. PostgreSQL, with {@code track_commit_timestamp=on}: resets the session's
     * replication-origin timestamp, which would otherwise stamp every later transaction of the session with the
     * commit time of its first.
     */
    default void beforeCommit(Connection writer) throws SQLException {
    }

    /**
     * What in this database keeps its captured changes from carrying full before-images, which conflict detection
     * compares with the other side's rows (PostgreSQL: a table without {@code REPLICA IDENTITY FULL}; MySQL/MariaDB:
     * {@code binlog_row_image} other than {@code FULL}). One message per problem, each with the statement that
     * fixes it; empty when all is well. Called once per side at start-up; the sync does not start otherwise.
     */
    default List<String> checkCapture(Connection connection, List<TableId> tables) throws SQLException {
        return List.of();
    }

    /**
     * The synced tables' key columns whose equality is not exact — a collation that ignores case, accents or trailing
     * spaces — each as a sentence naming the column and what it ignores. Keys that differ on the other side are one
     * key here: the lanes dead-letter the second row, and an initial copy into this side refuses it (it checks the
     * chunks it upserts into a table named here). Called once per side when a sync or an initial copy starts, on the
     * caller's thread, and logged as a warning; and by an initial copy once per table it copies into this side, on
     * its copy thread. An exception fails the start, or that table's copy.
     *
     * @return the sentences; empty when every key compares exactly (the default)
     */
    default List<String> checkKeyEquality(Connection connection, List<TableId> tables) throws SQLException {
        return List.of();
    }

    /**
     * Starts, on a fresh connection of this database, the read-only transaction an initial copy reads a table in:
     * one consistent snapshot for all its queries, in a session set up for reading canonical values (time zone
     * UTC). Returns the snapshot's mark, the text {@link #snapshotHolds} reads back: which source transactions the
     * snapshot holds (PostgreSQL: {@code pg_current_snapshot()}; MySQL/MariaDB: the binlog file and position of
     * {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}). Called by {@code InitialSync} once per table, on its copy
     * thread; an exception fails that table's copy (the copy can be run again).
     *
     * @throws UnsupportedOperationException when the database cannot say where a snapshot sits in its log (default)
     */
    default String beginSnapshotRead(Connection connection) throws SQLException {
        throw new UnsupportedOperationException(name() + " cannot mark a consistent snapshot for an initial copy");
    }

    /**
     * The test of whether a change captured from this database was committed inside the snapshot that
     * {@link #beginSnapshotRead} marked, so that a copy read in that snapshot already holds it. A lane skips, for a
     * copied table, the changes this test accepts and applies all others: nothing lost, nothing applied twice.
     * Called once per copied table when a lane starts; the test runs on the lane's consumer thread for every change
     * of that table and must be cheap. Never null.
     *
     * @throws IllegalArgumentException when the mark is not one this dialect wrote
     */
    default Predicate<ChangeEvent> snapshotHolds(String mark) {
        throw new UnsupportedOperationException(name() + " cannot mark a consistent snapshot for an initial copy");
    }

    /**
     * The bulk path that writes rows into {@code columns} of {@code table} faster than {@link #upsertSql upserts}
     * ({@link BulkLoader}), on {@code connection}, a writer session ({@link #prepareWriterSession}) in manual-commit
     * mode, so that what it writes is marked as bisync's own. It inserts only: {@code InitialSync} asks for it once
     * per table copy, on its copy thread, when the target table is empty as its copy starts (and not in a
     * both-ways fill). Default: none, and the copy writes with upserts.
     *
     * @return the loader, or empty when the database or the connection offers no bulk path (e.g. the server does
     *         not allow it); never null
     */
    default Optional<BulkLoader> bulkLoader(Connection connection, TableMetadata table,
            List<ColumnMetadata> columns) throws SQLException {
        return Optional.empty();
    }

    /**
     * The number of rows the database estimates the table holds (from its statistics, not by counting), for the
     * initial copy's progress line and ETA; -1 when unknown (default). Called once per table before a copy.
     */
    default long estimateRows(Connection connection, TableId table) throws SQLException {
        return -1;
    }

    /** Whether a change captured from this database was written by bisync (an echo of the other lane). */
    boolean isOwnWrite(ChangeEvent event, EchoIdentity echo);

    /** How bisync's writes are kept out of capture, and what still needs recognising, for the start-up log. */
    String describeEchoPrevention(EchoIdentity echo);

    /** How bad an error from this database is. */
    FailureKind classify(SQLException error);

    /**
     * Whether the error is a foreign-key violation: a row refers to a row that is not there (yet), or a row still
     * referred to was to be deleted. The engine then waits for more changes of the same source transaction, which
     * may sit in a later batch (another topic), before it dead-letters anything. Default: never.
     */
    default boolean isMissingReference(SQLException error) {
        return false;
    }

    /**
     * The column type of bisync's own tables for {@code type}; {@code length} is the most characters of a
     * {@link StoreType#VARCHAR} (ignored otherwise). {@link StoreType#GENERATED_KEY} includes whatever makes the
     * database generate the key; the table declares it its primary key.
     */
    String storeType(StoreType type, int length);

    /** The current time, as a column default and in bisync's statements, e.g. {@code now()}. */
    String storeNow();

    /** What follows the column list of a {@code CREATE TABLE} of bisync's own (storage engine, character set). */
    default String storeTableOptions() {
        return "";
    }

    /**
     * The clause that makes an {@code INSERT INTO table (…) VALUES (…)} of bisync's own an upsert: on a conflict of
     * the primary key {@code key}, the columns {@code fromInsert} take the inserted values and {@code toNow} the
     * current time.
     */
    String storeUpsertClause(List<String> key, List<String> fromInsert, List<String> toNow);

    /** The Debezium connector configuration for capturing this database for bisync. */
    Map<String, String> connectorConfig(CaptureRequest request);

    /**
     * The settings of {@link #connectorConfig} that bidirectional use depends on (echo filtering, type handling,
     * transaction metadata); an existing connector must have exactly these values.
     */
    Map<String, String> requiredConnectorSettings(CaptureRequest request);
}
