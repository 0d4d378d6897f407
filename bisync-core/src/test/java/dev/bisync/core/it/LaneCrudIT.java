package dev.bisync.core.it;

import dev.bisync.api.Health;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static dev.bisync.core.it.Rows.awaitEqual;
import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** CRUD in both directions through real Debezium topics and both lanes. */
@Tag("versions") // also run against PostgreSQL 15: see this module's pom
@ExtendWith(EmbeddedStackExtension.class)
class LaneCrudIT {

    private static SyncFixture fixture;
    private static DatabaseEndpoint maria;
    private static DatabaseEndpoint pg;

    @BeforeAll
    static void start(EmbeddedStack stack) throws Exception {
        maria = stack.mariadb();
        pg = stack.postgres();
        execute(maria,
                "CREATE TABLE crud_orders (id bigint PRIMARY KEY, status varchar(20) NOT NULL, total decimal(12,2), "
                        + "note text NULL, updated_at datetime(6) NOT NULL)",
                "CREATE TABLE crud_lines (order_id bigint NOT NULL, line_no int NOT NULL, sku varchar(30) NOT NULL, "
                        + "qty int NOT NULL, PRIMARY KEY (order_id, line_no), "
                        + "FOREIGN KEY (order_id) REFERENCES crud_orders (id))",
                "CREATE TABLE crud_items (id int PRIMARY KEY, name varchar(40) NOT NULL)");
        execute(pg,
                "CREATE TABLE crud_orders (id bigint PRIMARY KEY, status varchar(20) NOT NULL, total numeric(12,2), "
                        + "note text NULL, updated_at timestamp(6) NOT NULL)",
                "CREATE TABLE crud_lines (order_id bigint NOT NULL REFERENCES crud_orders (id), line_no int NOT NULL, "
                        + "sku varchar(30) NOT NULL, qty int NOT NULL, PRIMARY KEY (order_id, line_no))",
                "CREATE TABLE crud_items (id int PRIMARY KEY, name varchar(40) NOT NULL)",
                "ALTER TABLE crud_orders REPLICA IDENTITY FULL",
                "ALTER TABLE crud_lines REPLICA IDENTITY FULL",
                "ALTER TABLE crud_items REPLICA IDENTITY FULL");
        fixture = new SyncFixture(stack, "crud", 5601, List.of("crud_orders", "crud_lines", "crud_items"),
                b -> { });
        fixture.start();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void insertUpdateDeleteCrossFromMariaDbToPostgres() throws Exception {
        execute(maria, "INSERT INTO crud_orders VALUES (1, 'pending', 10.50, NULL, '2026-01-02 03:04:05.123456')");
        awaitEqual(maria, pg, "SELECT id, status, total, note, updated_at FROM crud_orders WHERE id = 1", TIMEOUT);
        assertEquals(1, Rows.read(pg, "SELECT id FROM crud_orders WHERE id = 1").size());
        execute(maria, "UPDATE crud_orders SET status = 'paid', note = 'a note', total = 11 WHERE id = 1");
        awaitEqual(maria, pg, "SELECT id, status, total, note, updated_at FROM crud_orders WHERE id = 1", TIMEOUT);
        assertEquals(List.of(List.of("paid", "a note")), Rows.read(pg, "SELECT status, note FROM crud_orders WHERE id = 1"));
        execute(maria, "DELETE FROM crud_orders WHERE id = 1");
        Rows.await("row 1 deleted on PostgreSQL", TIMEOUT,
                () -> Rows.read(pg, "SELECT id FROM crud_orders WHERE id = 1").isEmpty(), () -> "still there");
    }

    @Test
    void insertUpdateDeleteCrossFromPostgresToMariaDb() throws Exception {
        execute(pg, "INSERT INTO crud_orders VALUES (2, 'pending', NULL, 'from pg', '2026-02-03 04:05:06.654321')");
        awaitEqual(pg, maria, "SELECT id, status, total, note, updated_at FROM crud_orders WHERE id = 2", TIMEOUT);
        assertEquals(1, Rows.read(maria, "SELECT id FROM crud_orders WHERE id = 2").size());
        execute(pg, "UPDATE crud_orders SET note = NULL, total = 99.99 WHERE id = 2");
        awaitEqual(pg, maria, "SELECT id, status, total, note, updated_at FROM crud_orders WHERE id = 2", TIMEOUT);
        assertEquals(List.of(List.of("NULL", "99.99")), Rows.read(maria, "SELECT note, total FROM crud_orders WHERE id = 2"));
        execute(pg, "DELETE FROM crud_orders WHERE id = 2");
        Rows.await("row 2 deleted on MariaDB", TIMEOUT,
                () -> Rows.read(maria, "SELECT id FROM crud_orders WHERE id = 2").isEmpty(), () -> "still there");
    }

    @Test
    void multiTableTransactionKeepsForeignKeyOrderBothWays() throws Exception {
        transaction(maria,
                "INSERT INTO crud_orders VALUES (10, 'pending', 5, NULL, '2026-03-01 00:00:00')",
                "INSERT INTO crud_lines VALUES (10, 1, 'A-1', 2)",
                "INSERT INTO crud_lines VALUES (10, 2, 'B-2', 3)",
                "UPDATE crud_orders SET status = 'paid' WHERE id = 10");
        awaitEqual(maria, pg, "SELECT order_id, line_no, sku, qty FROM crud_lines WHERE order_id = 10 ORDER BY line_no",
                TIMEOUT);
        awaitEqual(maria, pg, "SELECT id, status FROM crud_orders WHERE id = 10", TIMEOUT);
        transaction(maria, "DELETE FROM crud_lines WHERE order_id = 10", "DELETE FROM crud_orders WHERE id = 10");
        Rows.await("order 10 and its lines deleted on PostgreSQL", TIMEOUT,
                () -> Rows.read(pg, "SELECT id FROM crud_orders WHERE id = 10").isEmpty()
                        && Rows.read(pg, "SELECT line_no FROM crud_lines WHERE order_id = 10").isEmpty(), () -> "still there");

        transaction(pg,
                "INSERT INTO crud_orders VALUES (11, 'pending', 7, NULL, '2026-03-02 00:00:00')",
                "INSERT INTO crud_lines VALUES (11, 1, 'C-1', 1)",
                "INSERT INTO crud_lines VALUES (11, 2, 'D-2', 4)");
        awaitEqual(pg, maria, "SELECT order_id, line_no, sku, qty FROM crud_lines WHERE order_id = 11 ORDER BY line_no",
                TIMEOUT);
        transaction(pg, "DELETE FROM crud_lines WHERE order_id = 11", "DELETE FROM crud_orders WHERE id = 11");
        Rows.await("order 11 and its lines deleted on MariaDB", TIMEOUT,
                () -> Rows.read(maria, "SELECT id FROM crud_orders WHERE id = 11").isEmpty(), () -> "still there");
    }

    @Test
    void compositeKeyRowsCrossAndUpdate() throws Exception {
        execute(maria, "INSERT INTO crud_orders VALUES (20, 'pending', 1, NULL, '2026-03-03 00:00:00')",
                "INSERT INTO crud_lines VALUES (20, 1, 'E', 1)", "INSERT INTO crud_lines VALUES (20, 2, 'F', 1)");
        execute(maria, "UPDATE crud_lines SET qty = 9 WHERE order_id = 20 AND line_no = 2");
        awaitEqual(maria, pg, "SELECT order_id, line_no, sku, qty FROM crud_lines WHERE order_id = 20 ORDER BY line_no",
                TIMEOUT);
        assertEquals(List.of(List.of("1"), List.of("9")),
                Rows.read(pg, "SELECT qty FROM crud_lines WHERE order_id = 20 ORDER BY line_no"));
    }

    @Test
    void primaryKeyUpdateMovesTheRow() throws Exception {
        execute(maria, "INSERT INTO crud_items VALUES (100, 'moved')");
        awaitEqual(maria, pg, "SELECT id, name FROM crud_items WHERE id IN (100, 1100) ORDER BY id", TIMEOUT);
        execute(maria, "UPDATE crud_items SET id = 1100 WHERE id = 100");
        awaitEqual(maria, pg, "SELECT id, name FROM crud_items WHERE id IN (100, 1100) ORDER BY id", TIMEOUT);
        assertEquals(List.of(List.of("1100", "moved")), Rows.read(pg, "SELECT id, name FROM crud_items WHERE id IN (100, 1100)"));
        execute(pg, "UPDATE crud_items SET id = 2100 WHERE id = 1100");
        awaitEqual(pg, maria, "SELECT id, name FROM crud_items WHERE id IN (1100, 2100) ORDER BY id", TIMEOUT);
    }

    @Test
    void deleteOfARowTheTargetLacksIsHarmless() throws Exception {
        // written as bisync's own write (its GTID domain): dropped at capture, so PostgreSQL never gets the row
        try (Connection c = maria.connect(); Statement s = c.createStatement()) {
            s.execute("SET SESSION gtid_domain_id = " + SyncConfig.DEFAULT_ECHO_ID);
            s.execute("INSERT INTO crud_items VALUES (300, 'only on mariadb')");
        }
        execute(maria, "DELETE FROM crud_items WHERE id = 300", "INSERT INTO crud_items VALUES (301, 'after')");
        awaitEqual(maria, pg, "SELECT id, name FROM crud_items WHERE id IN (300, 301) ORDER BY id", TIMEOUT);
        assertEquals(List.of(Health.UP, Health.UP), fixture.sync().status().stream().map(s -> s.status()).toList(),
                "a delete of a missing row is not an error");
    }

    private static void transaction(DatabaseEndpoint endpoint, String... statements) throws Exception {
        try (Connection c = endpoint.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : statements) {
                s.execute(sql);
            }
            c.commit();
        }
    }
}
