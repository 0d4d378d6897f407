package dev.bisync.core.it;

import dev.bisync.api.RejectedValueException;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.target.DialectResolver;
import dev.bisync.core.internal.target.TargetSession;
import dev.bisync.spi.dialect.BulkLoader;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.EchoIdentity;
import dev.bisync.spi.dialect.TableMetadata;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import static dev.bisync.core.it.BulkColumn.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bulk paths of the initial copy ({@code Dialect.bulkLoader}: PostgreSQL {@code COPY}, MariaDB
 * {@code LOAD DATA LOCAL INFILE}) store exactly what the binders ({@code Dialect.bind}, the lanes' path) store: for
 * each target dialect, the same canonical values — every column type of the type matrix, edges, NULLs and hostile
 * text — are written once with the upsert and {@code Dialect.bind} into table A and once with the bulk loader into
 * table B of the same definition, through bisync's writer sessions; the tables are read back with
 * {@code Dialect.read} and as the database's own text, and must be equal value by value. A value the column cannot
 * hold is refused by both with the same message; a key that exists already fails the bulk write (never skipped).
 */
@ExtendWith(EmbeddedStackExtension.class)
class BulkLoadIT {

    private static final EchoIdentity ECHO = new EchoIdentity("bulkload", 5661);
    private static final int ROWS = 40;

    @Test
    void copyStoresExactlyWhatTheBindersStoreOnPostgres(EmbeddedStack stack) throws Exception {
        SyncFixture.execute(stack.postgres(), "DROP TYPE IF EXISTS bulk_mood CASCADE",
                "CREATE TYPE bulk_mood AS ENUM ('happy', 'so so', 'back\\slash')");
        assertLoadEqualsBind(Target.postgres(stack), BulkColumns.postgres(), "COPY");
    }

    @Test
    void loadDataStoresExactlyWhatTheBindersStoreOnMariaDb(EmbeddedStack stack) throws Exception {
        assertLoadEqualsBind(Target.mariadb(stack), BulkColumns.mariadb(), "LOAD DATA");
    }

    @Test
    void copyRefusesWhatTheBinderRefuses(EmbeddedStack stack) throws Exception {
        Target pg = Target.postgres(stack);
        assertRefusedAlike(pg, of("c", "text", "nul\0inside"));
        assertRefusedAlike(pg, of("c", "varchar(3)", "four"));
        assertRefusedAlike(pg, of("c", "timestamp(6)", LocalDateTime.MAX));
        assertRefusedAlike(pg, of("c", "numeric(8,2)", new BigDecimal("1234.567")));
        assertRefusedAlike(pg, of("c", "smallint", 40_000));
    }

    @Test
    void loadDataRefusesWhatTheBinderRefuses(EmbeddedStack stack) throws Exception {
        Target maria = Target.mariadb(stack);
        assertRefusedAlike(maria, of("c", "double", Double.NaN));
        assertRefusedAlike(maria, of("c", "varchar(3)", "four"));
        assertRefusedAlike(maria, of("c", "timestamp(6) NULL",
                Instant.parse("2040-01-01T00:00:00Z")));
        assertRefusedAlike(maria, of("c", "bit(3)", 8L));
        assertRefusedAlike(maria, of("c", "date", LocalDate.of(10_000, 1, 1)));
    }

    @Test
    void copyFailsOnAnExistingKeyInsteadOfSkippingIt(EmbeddedStack stack) throws Exception {
        assertExistingKeyFails(Target.postgres(stack));
    }

    @Test
    void loadDataFailsOnAnExistingKeyInsteadOfSkippingIt(EmbeddedStack stack) throws Exception {
        assertExistingKeyFails(Target.mariadb(stack));
    }

    // --- the harness -------------------------------------------------------------------------------------------

    /**
     * A target database: tables are made by its administrator, written and read by bisync's user through a writer
     * session as the initial copy opens it.
     */
    private record Target(DatabaseEndpoint admin, DatabaseEndpoint writer, String namespace) {

        static Target postgres(EmbeddedStack stack) {
            return new Target(stack.postgres(), stack.postgresServer().bisyncUser(), "public");
        }

        static Target mariadb(EmbeddedStack stack) {
            return new Target(stack.mariadb(), stack.mariadbServer().bisyncUser(), EmbeddedStack.DATABASE);
        }

        Dialect dialect() throws SQLException {
            try (Connection c = writer.connect()) {
                return new DialectResolver().resolve(writer.jdbcUrl(), c);
            }
        }

        TargetSession session(Dialect dialect) {
            return new TargetSession(new dev.bisync.api.config.SideConfig("bulkload", SyncFixture.database(writer),
                    namespace, "bulkload", List.of()), dialect, ECHO, "[bulkload]", true);
        }

        /** Creates (anew) {@code id int} as key, then the columns; returns the table as the dialect describes it. */
        TableMetadata create(Connection writerConnection, Dialect dialect, String name, List<BulkColumn> columns)
                throws SQLException {
            String table = dialect.statements().quote(namespace) + "." + dialect.statements().quote(name);
            SyncFixture.execute(admin, "DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id int PRIMARY KEY, "
                    + columns.stream().map(col -> dialect.statements().quote(col.name()) + " " + col.type())
                    .collect(Collectors.joining(", ")) + ")");
            TableMetadata t = dialect.catalog().describe(writerConnection, TableId.of(namespace, name));
            writerConnection.commit();
            return t;
        }
    }

    private static void assertLoadEqualsBind(Target target, List<BulkColumn> columns, String method)
            throws Exception {
        Dialect dialect = target.dialect();
        try (TargetSession session = target.session(dialect)) {
            Connection c = session.connection();
            TableMetadata a = target.create(c, dialect, "bulk_types_a", columns);
            TableMetadata b = target.create(c, dialect, "bulk_types_b", columns);
            List<Object[]> rows = rows(columns);

            try (PreparedStatement upsert = c.prepareStatement(dialect.statements().upsertSql(a, a.columns()))) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        dialect.values().binder(a.id(), a.columns().get(i)).bind(upsert, i + 1, row[i]);
                    }
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            BulkLoader loader = dialect.copy().bulkLoader(c, b, b.columns()).orElseThrow(() -> new AssertionError(
                    dialect.name() + " offers no bulk loader on an init writer session"));
            assertEquals(method, loader.method());
            assertEquals(rows.size(), loader.load(rows));
            c.commit();

            List<String> differences = new ArrayList<>();
            List<Object[]> viaBind = read(c, dialect, a);
            List<Object[]> viaLoad = read(c, dialect, b);
            assertEquals(rows.size(), viaBind.size());
            assertEquals(rows.size(), viaLoad.size());
            for (int r = 0; r < rows.size(); r++) {
                for (int i = 0; i < a.columns().size(); i++) {
                    if (!Objects.deepEquals(viaBind.get(r)[i], viaLoad.get(r)[i])) {
                        differences.add(a.columns().get(i).name() + " row " + r + " (written " + shown(rows.get(r)[i])
                                + "): bind stored " + shown(viaBind.get(r)[i]) + ", " + method + " stored "
                                + shown(viaLoad.get(r)[i]));
                    }
                }
            }
            differences.addAll(textDifferences(c, dialect, a, b, method));
            assertEquals(List.of(), differences, "values that differ between Dialect.bind and " + method);
            System.out.printf("[BulkLoadIT] %s: %d columns x %d rows equal through bind and %s%n", dialect.name(),
                    columns.size(), rows.size(), method);
        }
    }

    /** The database's own text of every column, compared between the two tables (SQL NULL as null). */
    private static List<String> textDifferences(Connection c, Dialect dialect, TableMetadata a, TableMetadata b,
            String method) throws SQLException {
        List<String> differences = new ArrayList<>();
        boolean postgres = dialect.name().startsWith("PostgreSQL");
        for (ColumnMetadata column : a.columns()) {
            String q = dialect.statements().quote(column.name());
            String text = postgres ? "x." + q + "::text" : "HEX(x." + q + ")";
            String y = text.replace("x.", "y.");
            String sql = "SELECT x.id, " + text + ", " + y + " FROM " + table(dialect, a) + " x JOIN "
                    + table(dialect, b) + " y ON x.id = y.id WHERE NOT (" + text + (postgres ? " IS NOT DISTINCT FROM "
                    : " <=> ") + y + ")";
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    differences.add(column.name() + " id " + rs.getString(1) + ": bind stored text " + rs.getString(2)
                            + ", " + method + " stored " + rs.getString(3));
                }
            }
        }
        return differences;
    }

    private static void assertRefusedAlike(Target target, BulkColumn column) throws Exception {
        Dialect dialect = target.dialect();
        try (TargetSession session = target.session(dialect)) {
            Connection c = session.connection();
            TableMetadata t = target.create(c, dialect, "bulk_refused", List.of(column));
            Object value = column.value(0);
            RejectedValueException byBinder;
            try (PreparedStatement upsert = c.prepareStatement(dialect.statements().upsertSql(t, t.columns()))) {
                dialect.values().binder(t.id(), t.columns().get(0)).bind(upsert, 1, 1);
                byBinder = assertThrows(RejectedValueException.class,
                        () -> dialect.values().binder(t.id(), t.columns().get(1)).bind(upsert, 2, value));
            }
            BulkLoader loader = dialect.copy().bulkLoader(c, t, t.columns()).orElseThrow();
            RejectedValueException byLoader = assertThrows(RejectedValueException.class,
                    () -> loader.load(List.<Object[]>of(new Object[] {1, value})));
            c.rollback();
            assertEquals(byBinder.getMessage(), byLoader.getMessage(), column.type());
        }
    }

    private static void assertExistingKeyFails(Target target) throws Exception {
        Dialect dialect = target.dialect();
        try (TargetSession session = target.session(dialect)) {
            Connection c = session.connection();
            TableMetadata t = target.create(c, dialect, "bulk_existing", List.of(of("c", "varchar(20)", "x")));
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO " + table(dialect, t) + " VALUES (2, 'there before')");
            }
            c.commit();
            BulkLoader loader = dialect.copy().bulkLoader(c, t, t.columns()).orElseThrow();
            SQLException e = assertThrows(SQLException.class, () -> loader.load(List.of(new Object[] {1, "new"},
                    new Object[] {2, "copied"}, new Object[] {3, "new"})));
            c.rollback();
            assertTrue(e.getSQLState().startsWith("23"), e.getSQLState() + " " + e.getMessage());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM "
                    + table(dialect, t))) {
                rs.next();
                assertEquals(1, rs.getInt(1), "rows after the failed load, rolled back");
            }
            c.commit();
        }
    }

    /** Rows of ids 0.. and each column's values in turn; the last row is NULL in every column. */
    private static List<Object[]> rows(List<BulkColumn> columns) {
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            Object[] row = new Object[columns.size() + 1];
            row[0] = r;
            for (int i = 0; i < columns.size(); i++) {
                row[i + 1] = r == ROWS - 1 ? null : columns.get(i).value(r);
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<Object[]> read(Connection c, Dialect dialect, TableMetadata t) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table(dialect, t)
                + " ORDER BY id")) {
            while (rs.next()) {
                Object[] row = new Object[t.columns().size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = dialect.values().reader(t.columns().get(i)).read(rs, i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String table(Dialect dialect, TableMetadata t) {
        return dialect.statements().quote(t.id().namespace()) + "." + dialect.statements().quote(t.id().name());
    }

    private static String shown(Object value) {
        String text = value instanceof byte[] bytes ? "0x" + HexFormat.of().formatHex(bytes)
                : value == null ? "NULL" : value.getClass().getSimpleName() + " " + value;
        text = text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0");
        return text.length() > 120 ? text.substring(0, 120) + "... (" + text.length() + " chars)" : text;
    }
}
