package dev.bisync.mysql.internal;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The MySQL/MariaDB dialect, in two {@link MySqlVariant variants} that differ in how bisync's writes are marked:
 * MariaDB (tested with 11.4 and the Debezium MariaDB connector 3.5) by GTID domain, MySQL 8.3+ by GTID tag (untested
 * here). Stateless and thread-safe.
 *
 * <p>{@link #reader} reads, by column type ({@link ColumnMetadata#typeName()}), the Java type Debezium's schema for
 * that type decodes to:
 * <table>
 * <caption>canonical Java types</caption>
 * <tr><th>MySQL / MariaDB</th><th>Java</th></tr>
 * <tr><td>tinyint (also tinyint(1) / BOOLEAN), tinyint unsigned, smallint</td><td>Short</td></tr>
 * <tr><td>smallint unsigned, mediumint (unsigned), int</td><td>Integer</td></tr>
 * <tr><td>int unsigned, bigint</td><td>Long</td></tr>
 * <tr><td>bigint unsigned</td><td>BigInteger</td></tr>
 * <tr><td>decimal</td><td>BigDecimal (at the column's scale)</td></tr>
 * <tr><td>float / double</td><td>Float / Double</td></tr>
 * <tr><td>bit(1) / bit(n)</td><td>Boolean / byte[] (big-endian)</td></tr>
 * <tr><td>char (without padding), varchar, the text types, enum, set (members joined by commas)</td>
 *     <td>String</td></tr>
 * <tr><td>json (MariaDB: longtext with a json_valid check)</td><td>{@link dev.bisync.api.JsonText}</td></tr>
 * <tr><td>binary, varbinary, the blob types</td><td>byte[]</td></tr>
 * <tr><td>date / datetime</td><td>LocalDate / LocalDateTime</td></tr>
 * <tr><td>timestamp</td><td>Instant (read in the session's zone, UTC)</td></tr>
 * <tr><td>time</td><td>LocalTime within 00:00 to 24:00, else Duration (negative or beyond a day)</td></tr>
 * <tr><td>year</td><td>Integer</td></tr>
 * <tr><td>uuid (MariaDB)</td><td>UUID</td></tr>
 * <tr><td>geometry, point and the other spatial types</td><td>byte[] (WKB; the SRID is dropped, written as
 *     0)</td></tr>
 * <tr><td>other types (inet6 ...)</td><td>what the driver's getObject returns</td></tr>
 * </table>
 *
 * <p>{@link #binder} takes those types, the other canonical types where the conversion is exact (a Boolean into a
 * number as 1/0, an Instant into DATETIME as its UTC date-time, a LocalDateTime into TIMESTAMP as UTC, a UUID into
 * char or binary(16)), and text in the server's input form. Temporal values are sent as text, so neither the
 * driver's nor the JVM's time zone plays a part.
 */
public final class MySqlFamilyDialect implements Dialect {

    private final String name;
    private final MySqlVariant variant;

    /** A dialect that reports itself as {@code name}, e.g. {@code MariaDB 11.4.5}. */
    public MySqlFamilyDialect(String name, MySqlVariant variant) {
        this.name = name;
        this.variant = variant;
    }

    /** The server variant. */
    public MySqlVariant variant() {
        return variant;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TableMetadata describe(Connection connection, TableId table) throws SQLException {
        return MySqlCatalog.describe(connection, table, variant.jsonIsCheckedText());
    }

    @Override
    public String quote(String identifier) {
        return MySqlStatements.quote(identifier);
    }

    @Override
    public String upsertSql(TableMetadata table, List<ColumnMetadata> columns) {
        return MySqlStatements.upsert(table, columns);
    }

    @Override
    public String deleteSql(TableMetadata table) {
        return MySqlStatements.delete(table);
    }

    @Override
    public String selectByKeysSql(TableMetadata table, int keyCount) {
        return MySqlStatements.selectByKeys(table, keyCount);
    }

    @Override
    public ColumnBinder binder(TableId table, ColumnMetadata column) {
        return MySqlValueBinder.binder(table, column);
    }

    /**
     * {@code LOAD DATA LOCAL INFILE} ({@link MySqlLoadDataLoader}), when the connection was opened with
     * {@code allowLoadLocalInfile=true} and the server's {@code local_infile} is ON.
     */
    @Override
    public Optional<BulkLoader> bulkLoader(Connection connection, TableMetadata table, List<ColumnMetadata> columns)
            throws SQLException {
        return MySqlLoadDataLoader.on(connection, table, columns);
    }

    @Override
    public ColumnReader reader(ColumnMetadata column) {
        return MySqlValueReader.reader(column);
    }

    @Override
    public ColumnReader copyReader(ColumnMetadata column) {
        return MySqlValueReader.copyReader(column);
    }

    @Override
    public String selectExpression(ColumnMetadata column) {
        return MySqlValueReader.selectExpression(column, quote(column.name()));
    }

    @Override
    public String prepareWriterSession(Connection connection, EchoIdentity echo, int slot) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION time_zone = '+00:00'");
            statement.execute("SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), "
                    + "'STRICT_ALL_TABLES', 'NO_AUTO_VALUE_ON_ZERO')");
        }
        return variant.echoMark().mark(connection, echo);
    }

    @Override
    public boolean isOwnWrite(ChangeEvent event, EchoIdentity echo) {
        return variant.echoMark().isOwnWrite(event, echo);
    }

    @Override
    public String describeEchoPrevention(EchoIdentity echo) {
        return variant.echoMark().describe(echo);
    }

    @Override
    public List<String> checkCapture(Connection connection, List<TableId> tables) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@global.binlog_format, @@global.binlog_row_image")) {
            rs.next();
            if (!"ROW".equalsIgnoreCase(rs.getString(1))) {
                problems.add("binlog_format is " + rs.getString(1) + ": set binlog_format=ROW in the server config");
            }
            if (!"FULL".equalsIgnoreCase(rs.getString(2))) {
                problems.add("binlog_row_image is " + rs.getString(2)
                        + ": set binlog_row_image=FULL in the server config");
            }
        }
        return problems;
    }

    @Override
    public List<String> checkKeyEquality(Connection connection, List<TableId> tables) throws SQLException {
        return KeyCollations.inexact(connection, tables);
    }

    @Override
    public String beginSnapshotRead(Connection connection) throws SQLException {
        return BinlogSnapshot.begin(connection);
    }

    @Override
    public Predicate<ChangeEvent> snapshotHolds(String mark) {
        return BinlogSnapshot.holds(mark);
    }

    @Override
    public long estimateRows(Connection connection, TableId table) throws SQLException {
        return BinlogSnapshot.estimateRows(connection, table);
    }

    @Override
    public FailureKind classify(SQLException error) {
        return MySqlFailures.classify(error);
    }

    @Override
    public boolean isMissingReference(SQLException error) {
        return MySqlFailures.isForeignKeyViolation(error);
    }

    @Override
    public String storeType(StoreType type, int length) {
        return switch (type) {
            case GENERATED_KEY -> "bigint NOT NULL AUTO_INCREMENT";
            case VARCHAR -> "varchar(" + length + ")";
            case TEXT -> "longtext";
            case INT -> "int";
            case BIGINT -> "bigint";
            case INSTANT -> "datetime(6)";
        };
    }

    @Override
    public String storeNow() {
        return "CURRENT_TIMESTAMP(6)";
    }

    @Override
    public String storeTableOptions() {
        return "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
    }

    @Override
    public String storeUpsertClause(List<String> key, List<String> fromInsert, List<String> toNow) {
        StringJoiner set = new StringJoiner(", ");
        fromInsert.forEach(c -> set.add(quote(c) + " = VALUES(" + quote(c) + ")"));
        toNow.forEach(c -> set.add(quote(c) + " = CURRENT_TIMESTAMP(6)"));
        return "ON DUPLICATE KEY UPDATE " + set;
    }

    @Override
    public Map<String, String> connectorConfig(CaptureRequest request) {
        return MySqlConnectorConfig.config(request, variant);
    }

    @Override
    public Map<String, String> requiredConnectorSettings(CaptureRequest request) {
        return MySqlConnectorConfig.required(request, variant);
    }

    @Override
    public String toString() {
        return name;
    }
}
