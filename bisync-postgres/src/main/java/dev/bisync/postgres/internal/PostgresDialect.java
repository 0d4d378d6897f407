package dev.bisync.postgres.internal;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.TableId;
import dev.bisync.spi.BulkLoader;
import dev.bisync.spi.CaptureRequest;
import dev.bisync.spi.ColumnBinder;
import dev.bisync.spi.ColumnMetadata;
import dev.bisync.spi.ColumnReader;
import dev.bisync.spi.Dialect;
import dev.bisync.spi.StoreType;
import dev.bisync.spi.EchoIdentity;
import dev.bisync.spi.FailureKind;
import dev.bisync.spi.TableMetadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The PostgreSQL dialect (tested with PostgreSQL 18, Debezium PostgreSQL connector 3.6). Stateless and thread-safe.
 *
 * <p>{@link #reader} reads, by column type ({@link ColumnMetadata#typeName()}):
 * <table>
 * <caption>canonical Java types</caption>
 * <tr><th>PostgreSQL</th><th>Java</th></tr>
 * <tr><td>int2 / int4 / int8</td><td>Short / Integer / Long</td></tr>
 * <tr><td>numeric</td><td>BigDecimal (at the column's scale)</td></tr>
 * <tr><td>float4 / float8</td><td>Float / Double</td></tr>
 * <tr><td>bool</td><td>Boolean</td></tr>
 * <tr><td>text, varchar, bpchar (without its padding spaces), enums, and every type not listed</td>
 *     <td>String (the server's text form)</td></tr>
 * <tr><td>bytea</td><td>byte[]</td></tr>
 * <tr><td>date / time / timetz</td><td>LocalDate / LocalTime (Duration for 24:00) / OffsetTime at UTC (as
 *     Debezium sends it)</td></tr>
 * <tr><td>point</td><td>byte[] (WKB), as Debezium's Point carries it</td></tr>
 * <tr><td>hstore</td><td>{@link dev.bisync.api.JsonText} of an object of strings, as Debezium's
 *     {@code hstore.handling.mode=json} carries it</td></tr>
 * <tr><td>timestamp / timestamptz</td><td>LocalDateTime / Instant</td></tr>
 * <tr><td>interval</td><td>Duration without years and months, else String in Debezium's ISO form,
 *     {@code P1Y2M3DT4H5M6.5S}</td></tr>
 * <tr><td>money</td><td>BigDecimal (from the text form; needs a {@code lc_monetary} with a '.' decimal
 *     point)</td></tr>
 * <tr><td>bit(1) / bit(n), varbit</td><td>Boolean / byte[] (the bits as a big-endian number, as MySQL's
 *     BIT)</td></tr>
 * <tr><td>json / jsonb</td><td>{@link dev.bisync.api.JsonText} (jsonb as the server normalises it)</td></tr>
 * <tr><td>uuid</td><td>UUID</td></tr>
 * <tr><td>arrays</td><td>List of the element type's values (nested lists for more dimensions)</td></tr>
 * </table>
 *
 * <p>{@link #binder} takes those types, the other canonical types where the conversion is exact (a Long into int2
 * within range, an Instant into timestamp as UTC, a LocalDateTime into timestamptz as UTC, a Duration under a day
 * into time, 0/1 into bool, a JSON array's text into an array), and text in the server's input form for any column.
 * Types without a typed setter (json, jsonb, enums, interval, arrays, inet and the rest) are bound as text of
 * unspecified type ({@code Types.OTHER}): the server reads them as the column's type, so the statements need no casts
 * and pgjdbc's {@code reWriteBatchedInserts} still rewrites the upsert.
 */
public final class PostgresDialect implements Dialect {

    private final String name;
    /**
     * Whether writer sessions reset their replication-origin timestamp before each commit: the server records commit
     * timestamps ({@code track_commit_timestamp=on}) and the role may. Set when a writer session is prepared (the
     * setting needs a server restart to change, so it is the same for every session).
     */
    private volatile boolean resetOriginTimestamp;

    /** A dialect that reports itself as {@code name}, e.g. {@code PostgreSQL 18.6}. */
    public PostgresDialect(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TableMetadata describe(Connection connection, TableId table) throws SQLException {
        return PostgresCatalog.describe(connection, table);
    }

    @Override
    public List<String> checkKeyEquality(Connection connection, List<TableId> tables) throws SQLException {
        return PostgresKeyEquality.inexact(connection, tables);
    }

    @Override
    public List<String> checkCapture(Connection connection, List<TableId> tables) throws SQLException {
        return PostgresCatalog.tablesWithoutFullReplicaIdentity(connection, tables).stream()
                .map(t -> "table " + t + " logs only its key on update and delete: run ALTER TABLE "
                        + PostgresStatements.table(t) + " REPLICA IDENTITY FULL")
                .toList();
    }

    @Override
    public String quote(String identifier) {
        return PostgresStatements.quote(identifier);
    }

    @Override
    public String upsertSql(TableMetadata table, List<ColumnMetadata> columns) {
        return PostgresStatements.upsert(table, columns);
    }

    @Override
    public String deleteSql(TableMetadata table) {
        return PostgresStatements.delete(table);
    }

    @Override
    public String selectByKeysSql(TableMetadata table, int keyCount) {
        return PostgresStatements.selectByKeys(table, keyCount);
    }

    @Override
    public ColumnBinder binder(TableId table, ColumnMetadata column) {
        return PostgresValueBinder.binder(table, column);
    }

    /** {@code COPY ... FROM STDIN} through pgjdbc's {@code CopyManager} ({@link PostgresCopyLoader}). */
    @Override
    public Optional<BulkLoader> bulkLoader(Connection connection, TableMetadata table, List<ColumnMetadata> columns)
            throws SQLException {
        return Optional.of(PostgresCopyLoader.on(connection, table, columns));
    }

    @Override
    public ColumnReader reader(ColumnMetadata column) {
        return PostgresValueReader.reader(column);
    }

    @Override
    public String prepareWriterSession(Connection connection, EchoIdentity echo, int slot) throws SQLException {
        String mark = ReplicationOriginEcho.prepare(connection, echo, slot);
        resetOriginTimestamp = ReplicationOriginEcho.needsTimestampReset(connection);
        return mark;
    }

    @Override
    public void beforeCommit(Connection writer) throws SQLException {
        if (resetOriginTimestamp) {
            ReplicationOriginEcho.resetTimestamp(writer);
        }
    }

    @Override
    public boolean isOwnWrite(ChangeEvent event, EchoIdentity echo) {
        return ReplicationOriginEcho.isOwnWrite(event, echo);
    }

    @Override
    public String describeEchoPrevention(EchoIdentity echo) {
        return ReplicationOriginEcho.describe(echo);
    }

    @Override
    public String beginSnapshotRead(Connection connection) throws SQLException {
        return PostgresSnapshot.begin(connection);
    }

    @Override
    public Predicate<ChangeEvent> snapshotHolds(String mark) {
        return PostgresSnapshot.holds(mark);
    }

    @Override
    public long estimateRows(Connection connection, TableId table) throws SQLException {
        return PostgresSnapshot.estimateRows(connection, table);
    }

    @Override
    public FailureKind classify(SQLException error) {
        return PostgresFailures.classify(error);
    }

    @Override
    public boolean isMissingReference(SQLException error) {
        return PostgresFailures.isForeignKeyViolation(error);
    }

    @Override
    public String storeType(StoreType type, int length) {
        return switch (type) {
            case GENERATED_KEY -> "bigint GENERATED ALWAYS AS IDENTITY";
            case VARCHAR -> "varchar(" + length + ")";
            case TEXT -> "text";
            case INT -> "integer";
            case BIGINT -> "bigint";
            case INSTANT -> "timestamptz";
        };
    }

    @Override
    public String storeNow() {
        return "now()";
    }

    @Override
    public String storeUpsertClause(List<String> key, List<String> fromInsert, List<String> toNow) {
        StringJoiner set = new StringJoiner(", ");
        fromInsert.forEach(c -> set.add(quote(c) + " = EXCLUDED." + quote(c)));
        toNow.forEach(c -> set.add(quote(c) + " = now()"));
        StringJoiner conflict = new StringJoiner(", ");
        key.forEach(c -> conflict.add(quote(c)));
        return "ON CONFLICT (" + conflict + ") DO UPDATE SET " + set;
    }

    @Override
    public Map<String, String> connectorConfig(CaptureRequest request) {
        return PostgresConnectorConfig.config(request);
    }

    @Override
    public Map<String, String> requiredConnectorSettings(CaptureRequest request) {
        return PostgresConnectorConfig.required(request);
    }

    @Override
    public String toString() {
        return name;
    }
}
