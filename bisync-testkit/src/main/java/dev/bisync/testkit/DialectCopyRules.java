package dev.bisync.testkit;

import dev.bisync.spi.dialect.BulkLoader;
import dev.bisync.spi.dialect.TableMetadata;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules of {@link DialectContract} on the parts the initial copy and the engine's failure handling lean on: the
 * catalog's key equality and row estimates, the recognition of foreign-key violations, the initial copy's snapshot
 * read and its bulk path.
 */
public abstract class DialectCopyRules extends DialectValueRules {

    // ---------------------------------------------------------------- catalog

    @Test
    @DisplayName("catalog: checkKeyEquality names a key column whose collation ignores case, and not an exact key")
    void keyEqualityNamesInexactKeys() throws SQLException {
        TableMetadata inexact = create("dlc_ci", "k " + sqlType(SqlType.VARCHAR_20_IGNORING_CASE)
                + " NOT NULL, v " + sqlType(SqlType.INTEGER) + ", PRIMARY KEY (k)");
        TableMetadata exact = create("dlc_exact", "k " + sqlType(SqlType.INTEGER) + " NOT NULL, PRIMARY KEY (k)");
        try (Connection c = writerSession()) {
            List<String> notes = dialect.catalog().checkKeyEquality(c, List.of(inexact.id(), exact.id()));
            assertEquals(1, notes.size(), notes.toString());
            assertTrue(notes.get(0).contains("dlc_ci") && notes.get(0).contains("k"), notes.get(0));
            assertEquals(List.of(), dialect.catalog().checkKeyEquality(c, List.of(exact.id())));
        }
    }

    @Test
    @DisplayName("catalog: estimateRows is -1 for a table that does not exist, and never below -1 for one that does")
    void estimateRowsOfMissingTable() throws SQLException {
        TableMetadata t = create("dlc_estimate", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, PRIMARY KEY (id)");
        try (Connection c = writerSession()) {
            upsert(c, t, List.of("id"), new Object[] {1}, new Object[] {2});
            assertEquals(-1, dialect.catalog().estimateRows(c, table("dlc_no_such_table")));
            assertTrue(dialect.catalog().estimateRows(c, t.id()) >= -1);
        }
    }

    // ---------------------------------------------------------------- failures

    @Test
    @DisplayName("failures: a child without its parent and a delete of a parent still referred to are missing "
            + "references; a duplicate key is not")
    void foreignKeyViolationsAreMissingReferences() throws SQLException {
        execute(admin(stack), "DROP TABLE IF EXISTS " + qualified("dlc_child"));
        TableMetadata parent = create("dlc_parent", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, PRIMARY KEY (id)");
        TableMetadata child = create("dlc_child", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, p "
                + sqlType(SqlType.INTEGER) + ", PRIMARY KEY (id), FOREIGN KEY (p) REFERENCES " + qualified("dlc_parent")
                + " (id)");
        try (Connection c = writerSession()) {
            c.setAutoCommit(true);
            SQLException orphan = assertThrows(SQLException.class,
                    () -> upsert(c, child, List.of("id", "p"), new Object[] {1, 7}));
            assertTrue(dialect.failures().isMissingReference(orphan), orphan.toString());
            upsert(c, parent, List.of("id"), new Object[] {7});
            upsert(c, child, List.of("id", "p"), new Object[] {1, 7});
            SQLException referred = assertThrows(SQLException.class, () -> delete(c, parent, new Object[] {7}));
            assertTrue(dialect.failures().isMissingReference(referred), referred.toString());
            try (Statement s = c.createStatement()) {
                SQLException duplicate = assertThrows(SQLException.class,
                        () -> s.executeUpdate("INSERT INTO " + qualified("dlc_parent") + " VALUES (7)"));
                assertFalse(dialect.failures().isMissingReference(duplicate), duplicate.toString());
            }
        } finally {
            execute(admin(stack), "DROP TABLE IF EXISTS " + qualified("dlc_child"));
        }
    }

    // ---------------------------------------------------------------- initial copy

    @Test
    @DisplayName("copy: a snapshot read sees what was committed before it began and nothing committed after; its "
            + "mark is one snapshotHolds reads, and a text that is no mark is refused")
    void snapshotReadIsConsistent() throws SQLException {
        create("dlc_snapshot", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, PRIMARY KEY (id)");
        execute(admin(stack), "INSERT INTO " + qualified("dlc_snapshot") + " VALUES (1)");
        try (Connection reader = admin(stack).connect()) {
            String mark = dialect.copy().beginSnapshotRead(reader);
            assertNotNull(dialect.copy().snapshotHolds(mark));
            execute(admin(stack), "INSERT INTO " + qualified("dlc_snapshot") + " VALUES (2)");
            List<Integer> seen = new ArrayList<>();
            try (Statement s = reader.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM " + qualified("dlc_snapshot") + " ORDER BY id")) {
                while (rs.next()) {
                    seen.add(rs.getInt(1));
                }
            }
            reader.rollback();
            assertEquals(List.of(1), seen, "the row committed after the snapshot began is not in it");
        }
        assertThrows(IllegalArgumentException.class, () -> dialect.copy().snapshotHolds("no mark"));
    }

    @Test
    @DisplayName("copy: the bulk path, where the connection offers one, writes rows that read back as upserts write "
            + "them")
    void bulkLoadWritesAsUpsertsDo() throws SQLException {
        TableMetadata t = create("dlc_bulk", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, v "
                + sqlType(SqlType.VARCHAR_20) + ", d " + sqlType(SqlType.DECIMAL_10_2) + ", PRIMARY KEY (id)");
        List<Object[]> rows = List.of(new Object[] {1, "tab\tand \"quote\"", new BigDecimal("1.50")},
                new Object[] {2, null, null}, new Object[] {3, "\\N", new BigDecimal("-0.01")});
        try (Connection c = writerSession()) {
            c.setAutoCommit(false);
            Optional<BulkLoader> loader = dialect.copy().bulkLoader(c, t, t.columns());
            if (loader.isEmpty()) {
                c.rollback();
                return; // no bulk path here: the copy writes with upserts, which the statement rules cover
            }
            assertFalse(loader.get().method().isBlank(), "method() names the bulk path for the report");
            assertEquals(rows.size(), loader.get().load(rows));
            c.commit();
            assertEquals(List.of(List.of(1, "tab\tand \"quote\"", new BigDecimal("1.50")),
                    Arrays.asList(2, null, null), List.of(3, "\\N", new BigDecimal("-0.01"))),
                    select(c, t, new Object[] {1}, new Object[] {2}, new Object[] {3}));
        }
    }
}
