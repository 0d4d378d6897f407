package dev.bisync.core.it;

import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import dev.bisync.testkit.MySqlExtension;
import dev.bisync.testkit.MySqlServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.List;

import static dev.bisync.core.it.Rows.awaitEqual;
import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The core IT set against MySQL (8.4 or 8.0 under Testcontainers, {@link MySqlServer}) with PostgreSQL, through the
 * real Debezium MySQL connector and both lanes: CRUD both ways (as {@link LaneCrudIT}), echo counted by the
 * databases (as {@link EchoIT}: audit triggers on both sides, and the tagged GTIDs of bisync's transactions on
 * MySQL), a conflict decided alike on both sides (as {@link ConflictIT}'s last-write-wins), and a subset of the
 * type matrix both ways. Run by this module's failsafe executions {@code mysql-8.4} and {@code mysql-8.0}; skipped,
 * with one line saying why, where no Docker engine is reachable.
 *
 * <p>MySQL 8.4 marks bisync's writes with tagged GTIDs ({@code TaggedGtidEcho}); the connector cannot drop them, so
 * each lane recognises them on consume. MySQL 8.0 has no tagged GTIDs: there the side's echo marking ({@code auto})
 * falls back to marker rows ({@code bisync_echo_marks}), and no transaction is tagged.
 */
@Tag("mysql")
@ExtendWith({MySqlExtension.class, EmbeddedStackExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MySqlLaneIT {

    private static final String SYNC = "mysqllane";
    /** How long to keep watching for an echo after the change has crossed. */
    private static final long SETTLE_MS = 3_000;

    private static SyncFixture fixture;
    private static MySqlServer server;
    private static DatabaseEndpoint mysql;
    private static DatabaseEndpoint pg;

    @BeforeAll
    static void start(MySqlServer mysqlServer, EmbeddedStack stack) throws Exception {
        server = mysqlServer;
        mysql = server.admin();
        pg = stack.postgres();
        execute(mysql,
                "CREATE TABLE my_orders (id bigint PRIMARY KEY, status varchar(20) NOT NULL, total decimal(12,2), "
                        + "note text NULL, updated_at datetime(6) NOT NULL)",
                "CREATE TABLE my_lines (order_id bigint NOT NULL, line_no int NOT NULL, sku varchar(30) NOT NULL, "
                        + "qty int NOT NULL, PRIMARY KEY (order_id, line_no), "
                        + "FOREIGN KEY (order_id) REFERENCES my_orders (id))",
                "CREATE TABLE my_lww (id int PRIMARY KEY, name varchar(40) NOT NULL, updated_at datetime(6) NOT NULL)",
                "CREATE TABLE my_types (id int PRIMARY KEY, i int, b bigint, d decimal(20,6), f double, "
                        + "s varchar(40) CHARACTER SET utf8mb4, t text, day date, at datetime(6), doc json)");
        execute(pg,
                "CREATE TABLE my_orders (id bigint PRIMARY KEY, status varchar(20) NOT NULL, total numeric(12,2), "
                        + "note text NULL, updated_at timestamp(6) NOT NULL)",
                "CREATE TABLE my_lines (order_id bigint NOT NULL REFERENCES my_orders (id), line_no int NOT NULL, "
                        + "sku varchar(30) NOT NULL, qty int NOT NULL, PRIMARY KEY (order_id, line_no))",
                "CREATE TABLE my_lww (id int PRIMARY KEY, name varchar(40) NOT NULL, updated_at timestamp(6) NOT NULL)",
                "CREATE TABLE my_types (id int PRIMARY KEY, i int, b bigint, d numeric(20,6), f double precision, "
                        + "s varchar(40), t text, day date, at timestamp(6), doc jsonb)");
        for (String table : List.of("my_orders", "my_lines", "my_lww", "my_types")) {
            execute(pg, "ALTER TABLE " + table + " REPLICA IDENTITY FULL");
        }
        AuditedTable.create(mysql, pg, "my_echo");
        fixture = new SyncFixture(stack, SYNC, 5701,
                List.of("my_orders", "my_lines", "my_lww", "my_types", "my_echo_items"),
                server.bisyncUser(), server.captureUser(), b -> { }, c -> { });
        fixture.start();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void insertUpdateDeleteCrossBothWays() throws Exception {
        String order = "SELECT id, status, total, note, updated_at FROM my_orders WHERE id IN (1, 2) ORDER BY id";
        execute(mysql, "INSERT INTO my_orders VALUES (1, 'pending', 10.50, NULL, '2026-01-02 03:04:05.123456')");
        awaitEqual(mysql, pg, order, TIMEOUT);
        execute(mysql, "UPDATE my_orders SET status = 'paid', note = 'a note', total = 11 WHERE id = 1");
        awaitEqual(mysql, pg, order, TIMEOUT);
        execute(pg, "INSERT INTO my_orders VALUES (2, 'pending', NULL, 'from pg', '2026-02-03 04:05:06.654321')");
        awaitEqual(pg, mysql, order, TIMEOUT);
        execute(pg, "UPDATE my_orders SET note = NULL, total = 99.99 WHERE id = 2");
        awaitEqual(pg, mysql, order, TIMEOUT);
        assertEquals(List.of(List.of("NULL", "99.99")), Rows.read(mysql, "SELECT note, total FROM my_orders WHERE id = 2"));
        execute(mysql, "DELETE FROM my_orders WHERE id = 1");
        execute(pg, "DELETE FROM my_orders WHERE id = 2");
        Rows.await("rows 1 and 2 deleted on both sides", TIMEOUT,
                () -> Rows.read(pg, order).isEmpty() && Rows.read(mysql, order).isEmpty(), () -> "still there");
    }

    @Test
    @Order(2)
    void aTransactionOverTwoTablesCrossesInForeignKeyOrderBothWays() throws Exception {
        String lines = "SELECT order_id, line_no, sku, qty FROM my_lines ORDER BY order_id, line_no";
        transaction(mysql, "INSERT INTO my_orders VALUES (10, 'pending', 5, NULL, '2026-03-01 00:00:00')",
                "INSERT INTO my_lines VALUES (10, 1, 'A-1', 2)", "INSERT INTO my_lines VALUES (10, 2, 'B-2', 3)");
        awaitEqual(mysql, pg, lines, TIMEOUT);
        transaction(pg, "INSERT INTO my_orders VALUES (11, 'pending', 7, NULL, '2026-03-02 00:00:00')",
                "INSERT INTO my_lines VALUES (11, 1, 'C-1', 1)");
        awaitEqual(pg, mysql, lines, TIMEOUT);
        assertEquals(3, Rows.read(mysql, lines).size());
    }

    @Test
    @Order(3)
    void ownWritesDoNotEchoCountedByTheDatabases() throws Exception {
        // bisync's transactions on MySQL are tagged from 8.3 on; on 8.0 they carry a marker row instead
        long tagged = server.taggedGtids() ? 1 : 0;
        long taggedBefore = bisyncTransactionsOnMySql();
        execute(mysql, "INSERT INTO my_echo_items VALUES (1, 'from mysql', 1)");
        awaitEqual(mysql, pg, "SELECT id, name, qty FROM my_echo_items ORDER BY id", TIMEOUT);
        Thread.sleep(SETTLE_MS);
        assertEquals(List.of(1L, 1L, 0L), counts(taggedBefore), "writes after one insert on MySQL");

        execute(pg, "UPDATE my_echo_items SET qty = 2, name = 'from postgres' WHERE id = 1");
        awaitEqual(pg, mysql, "SELECT id, name, qty FROM my_echo_items ORDER BY id", TIMEOUT);
        Thread.sleep(SETTLE_MS);
        // bisync's one transaction on MySQL is captured (marked) and skipped on consume: nothing written back
        assertEquals(List.of(2L, 2L, tagged), counts(taggedBefore), "writes after one update on PostgreSQL");

        execute(mysql, "DELETE FROM my_echo_items WHERE id = 1");
        awaitEqual(mysql, pg, "SELECT id, name, qty FROM my_echo_items ORDER BY id", TIMEOUT);
        Thread.sleep(SETTLE_MS);
        assertEquals(List.of(3L, 3L, tagged), counts(taggedBefore), "writes after one delete on MySQL");
    }

    @Test
    @Order(4)
    void typesCrossBothWaysWithTheirValues() throws Exception {
        String all = "SELECT id, i, b, d, f, s, t, day, at, doc FROM my_types ORDER BY id";
        execute(mysql, "INSERT INTO my_types VALUES (1, -2147483648, 9223372036854775807, 12345678901234.123456, "
                + "1.5, 'Grüße 😀', 'a\\ttab', '1999-12-31', '2026-01-02 03:04:05.000001', '{\"k\": \"v\"}')",
                "INSERT INTO my_types VALUES (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        awaitEqual(mysql, pg, all, TIMEOUT);
        execute(pg, "INSERT INTO my_types VALUES (3, 2147483647, -9223372036854775808, -0.000001, -2.25, "
                + "'naïve ✓', repeat('x', 5000), '9999-12-31', '1970-01-01 00:00:00', '{\"k\": [1, 2]}')");
        awaitEqual(pg, mysql, all, TIMEOUT);
        assertEquals(3, Rows.read(mysql, all).size());
    }

    @Test
    @Order(5)
    void lastWriteWinsTakesTheNewerRowOnBothSides() throws Exception {
        String row = "SELECT id, name, updated_at FROM my_lww WHERE id = 1";
        execute(mysql, "INSERT INTO my_lww VALUES (1, 'seed', '2026-01-01 00:00:00')");
        awaitEqual(mysql, pg, row, TIMEOUT);
        fixture.stopSync(); // both sides change the row while neither lane runs: each lane meets the other's change
        execute(mysql, "UPDATE my_lww SET name = 'mysql', updated_at = '2026-01-01 00:00:02' WHERE id = 1");
        execute(pg, "UPDATE my_lww SET name = 'pg', updated_at = '2026-01-01 00:00:03' WHERE id = 1");
        fixture.start();
        awaitEqual(mysql, pg, row, TIMEOUT);
        assertEquals("pg", Rows.read(mysql, row).get(0).get(1));
        // lane mysql->postgres kept PostgreSQL's newer row, lane postgres->mysql applied it: each recorded it
        Rows.await("the conflict recorded on both sides", TIMEOUT,
                () -> recorded(pg, "keep_target") == 1 && recorded(mysql, "apply") == 1,
                () -> Rows.read(pg, "SELECT target_table, decision FROM bisync_conflicts") + " / "
                        + Rows.read(mysql, "SELECT target_table, decision FROM bisync_conflicts"));
    }

    private static long recorded(DatabaseEndpoint side, String decision) throws SQLException {
        return Long.parseLong(Rows.read(side, "SELECT count(*) FROM bisync_conflicts WHERE target_table LIKE "
                + "'%my_lww' AND decision = '" + decision + "'").get(0).get(0));
    }

    /** Row writes on MySQL and on PostgreSQL (audit triggers), and bisync's transactions on MySQL since the start. */
    private static List<Long> counts(long taggedBefore) throws SQLException {
        return List.of(AuditedTable.writes(mysql, "my_echo"), AuditedTable.writes(pg, "my_echo"),
                bisyncTransactionsOnMySql() - taggedBefore);
    }

    /** The transactions MySQL executed under bisync's GTID tag ({@code <uuid>:<tag>:<n>}). */
    private static long bisyncTransactionsOnMySql() throws SQLException {
        String executed = Rows.read(mysql, "SELECT @@global.gtid_executed").get(0).get(0);
        return TaggedGtids.count(executed, fixture.config.echo().name());
    }

    private static void transaction(DatabaseEndpoint endpoint, String... statements) throws Exception {
        try (var c = endpoint.connect(); var s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : statements) {
                s.execute(sql);
            }
            c.commit();
        }
    }
}
