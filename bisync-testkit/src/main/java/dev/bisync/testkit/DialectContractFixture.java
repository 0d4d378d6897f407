package dev.bisync.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.CaptureRequest;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.DialectProvider;
import dev.bisync.spi.EchoIdentity;
import dev.bisync.spi.dialect.FailureKind;
import dev.bisync.spi.dialect.TableMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the rules of {@link DialectContract} stand on: the embedded stack, the dialect under test (found once, before
 * the tests, as the engine would pick it), the hooks a dialect's integration test implements, and the helpers that
 * several groups of rules share: writer sessions, test tables, and writing and reading rows through the dialect.
 * It holds no rules itself; the chain {@link DialectStatementRules}, {@link DialectValueRules},
 * {@link DialectContract} adds them.
 */
@ExtendWith(EmbeddedStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DialectContractFixture {

    /** The logical column types of the contract; {@link #sqlType} names each in the dialect's SQL. */
    public enum SqlType {
        SMALLINT, INTEGER, BIGINT, DECIMAL_10_2, DOUBLE, VARCHAR_20,
        /** Text whose comparison ignores case, as a key: PostgreSQL {@code citext}, MySQL a {@code _ci} collation. */
        VARCHAR_20_IGNORING_CASE,
        TEXT, BYTES, DATE, TIME_6, TIMESTAMP_3,
        TIMESTAMP_6,
        /** A timestamp that names an instant: PostgreSQL {@code timestamptz(6)}, MySQL {@code timestamp(6)}. */
        INSTANT_6,
        JSON, UUID, BOOLEAN,
        /** An enum with the members {@link #MOOD}, in that order. */
        ENUM_MOOD
    }

    /** The members of {@link SqlType#ENUM_MOOD}. */
    protected static final List<String> MOOD = List.of("sad", "ok", "happy");
    /** The echo identity the contract's writer sessions use. */
    protected static final EchoIdentity ECHO = new EchoIdentity("bisync_dlc", 4711);
    static final ObjectMapper JSON = new ObjectMapper();

    EmbeddedStack stack;
    DialectProvider provider;
    Dialect dialect;

    /** The all-privileges account, for DDL and for writes that bisync did not make. */
    protected abstract DatabaseEndpoint admin(EmbeddedStack stack);

    /** The unprivileged account bisync writes as. */
    protected abstract DatabaseEndpoint writer(EmbeddedStack stack);

    /**
     * An account of the test database that may read and write its tables but lacks what the dialect's echo mark
     * needs (MariaDB's {@code BINLOG REPLAY}, EXECUTE on PostgreSQL's replication-origin functions): made as admin,
     * anew each time.
     */
    protected abstract DatabaseEndpoint unprivilegedWriter(EmbeddedStack stack) throws SQLException;

    /** The schema (PostgreSQL) or database (MySQL/MariaDB) of the test tables. */
    protected abstract String namespace(EmbeddedStack stack);

    /** The provider that must win for this database. */
    protected abstract Class<? extends DialectProvider> expectedProvider();

    /** The connection properties the engine sets so that the driver rewrites batches of inserts. */
    protected abstract Properties batchRewriteProperties();

    /** The SQL type for a logical type. */
    protected abstract String sqlType(SqlType type);

    /** The Java type {@link dev.bisync.spi.dialect.ValueCodecs#reader} returns for a column of that logical type. */
    protected abstract Class<?> readType(SqlType type);

    /** Statements run once as admin before the tests, e.g. to create the enum type. */
    protected List<String> setUpSql() {
        return List.of();
    }

    /**
     * Checks that a write through {@code writer} (prepared with {@link #ECHO} and {@code slot}) into {@code table}
     * (columns {@code id}, {@code v}) carries the echo mark: the database's change stream leaves it out or labels it,
     * and {@link dev.bisync.spi.dialect.WriterSessions#isOwnWrite} recognises the label; a write by admin is not recognised.
     */
    protected abstract void assertWritesAreMarked(EmbeddedStack stack, Dialect dialect, Connection writer, int slot,
            TableMetadata table) throws Exception;

    /**
     * The request for capturing {@code tables} of the test namespace as admin, under {@code topicPrefix}. The
     * contract registers {@link dev.bisync.spi.dialect.Capture#connectorConfig} of it, with {@link #connectorOverrides()}.
     */
    protected abstract CaptureRequest captureRequest(EmbeddedStack stack, String connectorName, String topicPrefix,
            List<String> tables);

    /**
     * Whether the generated connector configuration drops bisync's writes at capture (the default), or captures them
     * with a mark that {@link dev.bisync.spi.dialect.WriterSessions#isOwnWrite} recognises on consume (PostgreSQL 15,
     * whose pgoutput has no origin filter).
     */
    protected boolean ownWritesDroppedAtCapture(EmbeddedStack stack) {
        return true;
    }

    /** Settings the embedded stack needs on top of the generated connector configuration (e.g. TLS off). */
    protected Map<String, String> connectorOverrides() {
        return Map.of();
    }

    /** Makes the server end the {@code victim} session, as admin. */
    protected abstract void killSession(Connection admin, Connection victim) throws SQLException;

    @BeforeAll
    void findDialect(EmbeddedStack stack) throws SQLException {
        this.stack = stack;
        try (Connection c = admin(stack).connect()) {
            execute(c, setUpSql().toArray(String[]::new));
            String url = admin(stack).jdbcUrl();
            List<DialectProvider> supporting = new ArrayList<>();
            for (DialectProvider p : ServiceLoader.load(DialectProvider.class)) {
                if (p.supports(url, c.getMetaData())) {
                    supporting.add(p);
                }
            }
            provider = supporting.stream().max(Comparator.comparingInt(DialectProvider::priority))
                    .orElseThrow(() -> new AssertionError("no DialectProvider supports " + url));
            dialect = provider.create(c.getMetaData());
        }
    }

    // ---------------------------------------------------------------- sessions and tables

    /** The dialect under test, as the engine would pick it. */
    protected Dialect dialect() {
        return dialect;
    }

    /** A new connection of the bisync user with the batch-rewrite properties, not yet prepared. */
    protected Connection connectWriter() throws SQLException {
        DatabaseEndpoint w = writer(stack);
        Properties properties = new Properties();
        properties.putAll(batchRewriteProperties());
        properties.setProperty("user", w.user());
        properties.setProperty("password", w.password());
        return DriverManager.getConnection(w.jdbcUrl(), properties);
    }

    /** A writer connection prepared with {@link #ECHO} in slot 0; close it before the next one. */
    protected Connection writerSession() throws SQLException {
        Connection c = connectWriter();
        try {
            prepare(c, 0);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Prepares a writer session in {@code slot}, retrying for a few seconds while the error is TRANSIENT: a session
     * that held the slot ends asynchronously on the server after its connection closed (the engine moves on to
     * another slot instead).
     */
    protected String prepare(Connection c, int slot) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                return dialect.writers().prepare(c, ECHO, slot);
            } catch (SQLException e) {
                if (dialect.failures().classify(e) != FailureKind.TRANSIENT || System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(20_000_000);
            }
        }
    }

    protected TableId table(String name) {
        return new TableId(namespace(stack), name);
    }

    protected String qualified(String name) {
        return dialect.statements().quote(namespace(stack)) + "." + dialect.statements().quote(name);
    }

    /** Drops and creates a table as admin and returns it as the writer sees it. */
    protected TableMetadata create(String name, String columns) throws SQLException {
        execute(admin(stack), "DROP TABLE IF EXISTS " + qualified(name), "CREATE TABLE " + qualified(name) + " ("
                + columns + ")");
        try (Connection c = writerSession()) {
            return dialect.catalog().describe(c, table(name));
        }
    }

    protected static void execute(DatabaseEndpoint endpoint, String... sql) throws SQLException {
        try (Connection c = endpoint.connect()) {
            execute(c, sql);
        }
    }

    protected static void execute(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    // ---------------------------------------------------------------- rows through the dialect

    void upsert(Connection c, TableMetadata t, List<String> names, Object[]... rows) throws SQLException {
        List<ColumnMetadata> columns = names.stream().map(t::column).toList();
        try (PreparedStatement ps = c.prepareStatement(dialect.statements().upsertSql(t, columns))) {
            for (Object[] row : rows) {
                bindRow(ps, t, columns, row);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void delete(Connection c, TableMetadata t, Object[] key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.statements().deleteSql(t))) {
            bindRow(ps, t, t.keyColumns(), key);
            assertEquals(1, ps.executeUpdate());
        }
    }

    void bindRow(PreparedStatement ps, TableMetadata t, List<ColumnMetadata> columns, Object[] row)
            throws SQLException {
        for (int i = 0; i < row.length; i++) {
            dialect.values().binder(t.id(), columns.get(i)).bind(ps, i + 1, row[i]);
        }
    }

    /** The rows with these keys (each in key order), all columns read with the dialect, in key-column order. */
    List<List<Object>> select(Connection c, TableMetadata t, Object[]... keys) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(dialect.statements().selectByKeysSql(t, keys.length))) {
            int index = 1;
            for (Object[] key : keys) {
                for (int k = 0; k < key.length; k++) {
                    dialect.values().binder(t.id(), t.keyColumns().get(k)).bind(ps, index++, key[k]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertEquals(t.columns().size(), rs.getMetaData().getColumnCount());
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 0; i < t.columns().size(); i++) {
                        assertEquals(t.columns().get(i).name(), rs.getMetaData().getColumnLabel(i + 1));
                        row.add(dialect.values().reader(t.columns().get(i)).read(rs, i + 1));
                    }
                    rows.add(row);
                }
            }
        }
        rows.sort(Comparator.comparing(row -> keyOf(t, row)));
        return rows;
    }

    private static String keyOf(TableMetadata t, List<Object> row) {
        return t.primaryKey().stream().map(k -> String.valueOf(row.get(t.columns().indexOf(t.column(k)))))
                .reduce("", (a, b) -> a + "|" + b);
    }

    static List<List<Object>> numbersAsInts(List<List<Object>> rows) {
        return rows.stream().map(row -> row.stream().map(v -> v instanceof Number n ? (Object) n.intValue() : v)
                .toList()).toList();
    }
}
