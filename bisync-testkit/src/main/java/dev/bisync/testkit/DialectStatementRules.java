package dev.bisync.testkit;

import dev.bisync.api.JsonText;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.TableMetadata;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules of {@link DialectContract} on finding the dialect and on the SQL it generates: the provider found
 * through {@link java.util.ServiceLoader}, {@code describe} (columns, key, missing tables), {@code quote} of hostile
 * identifiers, and the upsert, delete and selectByKeys statements run against the real database.
 */
public abstract class DialectStatementRules extends DialectContractFixture {

    // ---------------------------------------------------------------- discovery and metadata

    @Test
    @DisplayName("provider: the dialect is found through ServiceLoader: the expected provider has the highest priority")
    void providerIsFound() {
        assertEquals(expectedProvider(), provider.getClass());
        assertFalse(dialect.name().isBlank(), "name() for logs");
    }

    @Test
    @DisplayName("catalog: describe returns the columns in table order with type, size, scale, nullability and enum members, "
            + "and the primary key in key order")
    void describeColumnsAndKey() throws SQLException {
        TableMetadata t = create("dlc_describe", "id " + sqlType(SqlType.BIGINT) + " NOT NULL, code "
                + sqlType(SqlType.VARCHAR_20) + " NOT NULL, amount " + sqlType(SqlType.DECIMAL_10_2)
                + ", note " + sqlType(SqlType.TEXT) + ", mood " + sqlType(SqlType.ENUM_MOOD) + ", created "
                + sqlType(SqlType.TIMESTAMP_3) + ", PRIMARY KEY (code, id)");
        assertEquals(List.of("id", "code", "amount", "note", "mood", "created"),
                t.columns().stream().map(ColumnMetadata::name).toList());
        assertEquals(List.of("code", "id"), t.primaryKey());
        ColumnMetadata id = t.column("id");
        assertEquals(Types.BIGINT, id.jdbcType());
        assertFalse(id.nullable());
        assertEquals(Types.VARCHAR, t.column("code").jdbcType());
        assertEquals(20, t.column("code").size());
        ColumnMetadata amount = t.column("amount");
        assertTrue(amount.jdbcType() == Types.NUMERIC || amount.jdbcType() == Types.DECIMAL);
        assertEquals(10, amount.size());
        assertEquals(2, amount.scale());
        assertTrue(amount.nullable());
        assertEquals(MOOD, t.column("mood").enumValues());
        assertEquals(3, t.column("created").size(), "fractional-second digits");
        t.columns().forEach(c -> assertEquals(c.typeName().toLowerCase(Locale.ROOT), c.typeName()));
    }

    @Test
    @DisplayName("catalog: describe returns null for a table that does not exist, also when only the case of the name differs")
    void describeMissingTable() throws SQLException {
        create("dlc_case", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, PRIMARY KEY (id)");
        try (Connection c = writerSession()) {
            assertNull(dialect.catalog().describe(c, table("dlc_no_such_table")));
            assertNull(dialect.catalog().describe(c, table("DLC_Case")));
        }
    }

    @Test
    @DisplayName("statements: quote makes hostile identifiers usable: quotes, backticks, spaces, semicolons, comment dashes, "
            + "question marks, reserved words")
    void hostileIdentifiers() throws SQLException {
        String name = "dlc_h\"q`b ;--x";
        List<String> columns = List.of("i\"d", "va`l;--", "select", "wh?at");
        execute(admin(stack), "DROP TABLE IF EXISTS " + qualified(name), "CREATE TABLE " + qualified(name) + " ("
                + dialect.statements().quote(columns.get(0)) + " " + sqlType(SqlType.INTEGER) + " NOT NULL, "
                + dialect.statements().quote(columns.get(1)) + " " + sqlType(SqlType.VARCHAR_20) + ", "
                + dialect.statements().quote(columns.get(2)) + " " + sqlType(SqlType.INTEGER) + ", "
                + dialect.statements().quote(columns.get(3)) + " " + sqlType(SqlType.INTEGER) + ", PRIMARY KEY ("
                + dialect.statements().quote(columns.get(0)) + "))");
        try (Connection c = writerSession()) {
            TableMetadata t = dialect.catalog().describe(c, table(name));
            assertEquals(columns, t.columns().stream().map(ColumnMetadata::name).toList());
            upsert(c, t, columns, new Object[] {1, "x';--", 2, 3});
            assertEquals(List.of(List.of(1, "x';--", 2, 3)), numbersAsInts(select(c, t, new Object[] {1})));
            delete(c, t, new Object[] {1});
            assertEquals(List.of(), select(c, t, new Object[] {1}));
        }
    }

    // ---------------------------------------------------------------- statements

    @Test
    @DisplayName("statements: upsert inserts a row, then overwrites the columns it is given and leaves the others")
    void upsertInsertsThenOverwrites() throws SQLException {
        TableMetadata t = create("dlc_upsert", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, name "
                + sqlType(SqlType.VARCHAR_20) + ", qty " + sqlType(SqlType.INTEGER) + ", PRIMARY KEY (id)");
        try (Connection c = writerSession()) {
            upsert(c, t, List.of("id", "name", "qty"), new Object[] {1, "first", 1});
            upsert(c, t, List.of("id", "name", "qty"), new Object[] {1, "second", 2});
            assertEquals(List.of(List.of(1, "second", 2)), numbersAsInts(select(c, t, new Object[] {1})));
            upsert(c, t, List.of("id", "qty"), new Object[] {1, 3});
            assertEquals(List.of(List.of(1, "second", 3)), numbersAsInts(select(c, t, new Object[] {1})));
        }
    }

    @Test
    @DisplayName("statements: upsert into a table of key columns only inserts once and then does nothing")
    void upsertKeyOnlyTable() throws SQLException {
        TableMetadata t = create("dlc_upsert_keys", "a " + sqlType(SqlType.INTEGER) + " NOT NULL, b "
                + sqlType(SqlType.INTEGER) + " NOT NULL, PRIMARY KEY (a, b)");
        try (Connection c = writerSession()) {
            upsert(c, t, List.of("a", "b"), new Object[] {1, 2});
            upsert(c, t, List.of("a", "b"), new Object[] {1, 2});
            assertEquals(List.of(List.of(1, 2)), numbersAsInts(select(c, t, new Object[] {1, 2})));
        }
    }

    @Test
    @DisplayName("statements: a batch of upserts stays rewritable: the driver sends it as one multi-row statement")
    void upsertBatchIsRewritten() throws SQLException {
        TableMetadata t = create("dlc_upsert_batch", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, doc "
                + sqlType(SqlType.JSON) + ", u " + sqlType(SqlType.UUID) + ", PRIMARY KEY (id)");
        try (Connection c = writerSession();
             PreparedStatement ps = c.prepareStatement(dialect.statements().upsertSql(t, t.columns()))) {
            for (int id = 1; id <= 4; id++) { // pgjdbc rewrites in chunks of powers of two
                bindRow(ps, t, t.columns(), new Object[] {id, new JsonText("{\"n\": " + id + "}"), new UUID(0, id)});
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            int[] rewritten = new int[4];
            Arrays.fill(rewritten, Statement.SUCCESS_NO_INFO);
            assertArrayEquals(rewritten, counts, "a rewritten batch reports SUCCESS_NO_INFO per row");
            assertEquals(4, select(c, t, new Object[] {1}, new Object[] {2}, new Object[] {3}, new Object[] {4})
                    .size());
        }
    }

    @Test
    @DisplayName("statements: delete removes exactly the row with the given key, also by a composite key")
    void deleteByKey() throws SQLException {
        TableMetadata t = create("dlc_delete", "a " + sqlType(SqlType.INTEGER) + " NOT NULL, b "
                + sqlType(SqlType.VARCHAR_20) + " NOT NULL, v " + sqlType(SqlType.INTEGER) + ", PRIMARY KEY (b, a)");
        try (Connection c = writerSession()) {
            upsert(c, t, List.of("a", "b", "v"), new Object[] {1, "x", 10}, new Object[] {1, "y", 11},
                    new Object[] {2, "x", 12});
            delete(c, t, new Object[] {"x", 1});
            assertEquals(List.of(List.of(2, "x", 12), List.of(1, "y", 11)), numbersAsInts(select(c, t,
                    new Object[] {"x", 1}, new Object[] {"y", 1}, new Object[] {"x", 2})));
        }
    }

    @Test
    @DisplayName("statements: selectByKeys finds the rows of a single-column key, with all columns in table order")
    void selectBySingleKey() throws SQLException {
        TableMetadata t = create("dlc_select", "v " + sqlType(SqlType.VARCHAR_20) + ", id "
                + sqlType(SqlType.INTEGER) + " NOT NULL, PRIMARY KEY (id)");
        try (Connection c = writerSession()) {
            for (int id = 1; id <= 5; id++) {
                upsert(c, t, List.of("id", "v"), new Object[] {id, "row" + id});
            }
            assertEquals(List.of(List.of("row2", 2), List.of("row4", 4)),
                    numbersAsInts(select(c, t, new Object[] {4}, new Object[] {2}, new Object[] {9})));
        }
    }

    @Test
    @DisplayName("statements: selectByKeys finds the rows of a composite key, whose values are bound in key order")
    void selectByCompositeKey() throws SQLException {
        TableMetadata t = create("dlc_select_composite", "a " + sqlType(SqlType.INTEGER) + " NOT NULL, b "
                + sqlType(SqlType.VARCHAR_20) + " NOT NULL, v " + sqlType(SqlType.INTEGER) + ", PRIMARY KEY (b, a)");
        try (Connection c = writerSession()) {
            upsert(c, t, List.of("a", "b", "v"), new Object[] {1, "x", 10}, new Object[] {2, "x", 11},
                    new Object[] {1, "y", 12});
            assertEquals(List.of(List.of(2, "x", 11), List.of(1, "y", 12)), numbersAsInts(select(c, t,
                    new Object[] {"y", 1}, new Object[] {"x", 2}, new Object[] {"z", 1})));
        }
    }
}
