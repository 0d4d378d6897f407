package dev.bisync.core.it;

import dev.bisync.spi.ConflictStrategy;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static dev.bisync.core.it.Rows.awaitEqual;
import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Foreign-key conflicts between the two sides are conflicts, decided alike by both lanes (the delete wins), recorded,
 * and never dead-lettered: a customer deleted on one side while the other adds an order for it; an order deleted on
 * one side while the other adds an item to it; an order advanced and then deleted on one side while the other
 * updates it (it must not come back, in an older state or any other).
 */
@ExtendWith(EmbeddedStackExtension.class)
class ForeignKeyConflictIT {

    private static final String CUSTOMERS = "CREATE TABLE fkc_customers (id int PRIMARY KEY, name varchar(40) NOT NULL)";
    private static final String ORDERS = "CREATE TABLE fkc_orders (id int PRIMARY KEY, customer_id int NOT NULL, "
            + "status varchar(20) NOT NULL, notes varchar(100), FOREIGN KEY (customer_id) REFERENCES fkc_customers (id))";
    private static final String ITEMS = "CREATE TABLE fkc_items (id int PRIMARY KEY, order_id int NOT NULL, qty int NOT NULL, "
            + "FOREIGN KEY (order_id) REFERENCES fkc_orders (id))";

    private static SyncFixture fixture;
    private static EmbeddedStack stack;
    private static DatabaseEndpoint maria;
    private static DatabaseEndpoint pg;

    @BeforeAll
    static void start(EmbeddedStack s) throws Exception {
        stack = s;
        maria = stack.mariadb();
        pg = stack.postgres();
        execute(maria, CUSTOMERS, ORDERS, ITEMS);
        execute(pg, CUSTOMERS, ORDERS, ITEMS, "ALTER TABLE fkc_customers REPLICA IDENTITY FULL",
                "ALTER TABLE fkc_orders REPLICA IDENTITY FULL", "ALTER TABLE fkc_items REPLICA IDENTITY FULL");
        fixture = new SyncFixture(stack, "fkc", 5612, List.of("fkc_customers", "fkc_orders", "fkc_items"),
                b -> b.conflictStrategy("fkc_orders", ConflictStrategy.ranked("status",
                        List.of("pending", "paid", "shipped", "delivered")).orElse(ConflictStrategy.sidePriority())));
        fixture.start();
    }

    @AfterEach
    void restart() throws Exception {
        if (fixture.sync() == null) {
            fixture.start();
        }
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aCustomerDeletedOnOneSideWhileTheOtherAddsAnOrderIsGoneOnBoth() throws Exception {
        seed(1);
        fixture.stopSync(); // both applications act before either change crosses
        transaction(maria, "DELETE FROM fkc_items WHERE order_id = 10", "DELETE FROM fkc_orders WHERE customer_id = 1",
                "DELETE FROM fkc_customers WHERE id = 1");
        transaction(pg, "INSERT INTO fkc_orders VALUES (11, 1, 'pending', 'new on pg')",
                "INSERT INTO fkc_items VALUES (111, 11, 1)", "INSERT INTO fkc_items VALUES (112, 11, 2)");
        fixture.start();
        assertConverged(1);
        assertEquals(List.of(), Rows.read(pg, "SELECT id FROM fkc_orders WHERE customer_id = 1"));
        assertEquals(List.of(), Rows.read(pg, "SELECT id FROM fkc_customers WHERE id = 1"));
        awaitRecorded(pg, "fkc_customers", "apply"); // the delete removed pg's new order and items first
        awaitRecorded(maria, "fkc_orders", "keep_target"); // pg's new order: its customer is gone
        awaitRecorded(maria, "fkc_items", "keep_target");
        assertNoDeadLetters();
    }

    @Test
    void anOrderDeletedOnOneSideWhileTheOtherAddsAnItemIsGoneOnBoth() throws Exception {
        seed(2);
        fixture.stopSync();
        transaction(pg, "DELETE FROM fkc_items WHERE order_id = 20", "DELETE FROM fkc_orders WHERE id = 20");
        transaction(maria, "INSERT INTO fkc_items VALUES (201, 20, 5)");
        fixture.start();
        assertConverged(2);
        assertEquals(List.of(), Rows.read(maria, "SELECT id FROM fkc_items WHERE order_id = 20"));
        assertEquals(List.of(List.of("2")), Rows.read(maria, "SELECT id FROM fkc_customers WHERE id = 2"));
        assertNoDeadLetters();
    }

    @Test
    void anOrderAdvancedAndDeletedOnOneSideDoesNotComeBackFromTheOthersOlderUpdate() throws Exception {
        seed(3);
        fixture.stopSync();
        transaction(pg, "UPDATE fkc_orders SET status = 'shipped' WHERE id = 30");
        transaction(pg, "DELETE FROM fkc_items WHERE order_id = 30", "DELETE FROM fkc_orders WHERE id = 30");
        transaction(maria, "UPDATE fkc_orders SET notes = 'gift wrap' WHERE id = 30");
        fixture.start();
        assertConverged(3);
        assertEquals(List.of(), Rows.read(pg, "SELECT id, status FROM fkc_orders WHERE id = 30"));
        assertEquals(List.of(), Rows.read(maria, "SELECT id, status FROM fkc_orders WHERE id = 30"));
        assertNoDeadLetters();
    }

    @Test
    void anOrderMovedToACustomerTheOtherSideDeletedIsGoneOnBoth() throws Exception {
        seed(4);
        transaction(maria, "INSERT INTO fkc_customers VALUES (5, 'c5')");
        awaitEqual(maria, pg, "SELECT id, name FROM fkc_customers WHERE id = 5", TIMEOUT);
        fixture.stopSync();
        transaction(maria, "DELETE FROM fkc_customers WHERE id = 5");
        transaction(pg, "UPDATE fkc_orders SET customer_id = 5 WHERE id = 40");
        fixture.start();
        assertConverged(4);
        awaitEqual(maria, pg, "SELECT id FROM fkc_customers WHERE id IN (4, 5) ORDER BY id", TIMEOUT);
        assertEquals(List.of(List.of("4")), Rows.read(maria, "SELECT id FROM fkc_customers WHERE id IN (4, 5)"));
        assertEquals(List.of(), Rows.read(maria, "SELECT id FROM fkc_orders WHERE id = 40"));
        assertNoDeadLetters();
    }

    /** Customer {@code c}, its order {@code c*10} and the order's item {@code c*100}, crossed to both sides. */
    private static void seed(int c) throws Exception {
        transaction(maria, "INSERT INTO fkc_customers VALUES (" + c + ", 'c" + c + "')",
                "INSERT INTO fkc_orders VALUES (" + c * 10 + ", " + c + ", 'paid', null)",
                "INSERT INTO fkc_items VALUES (" + c * 100 + ", " + c * 10 + ", 1)");
        assertConverged(c);
        assertEquals(1, Rows.read(pg, "SELECT id FROM fkc_items WHERE id = " + c * 100).size());
    }

    private static void assertConverged(int c) throws Exception {
        awaitEqual(maria, pg, "SELECT id, name FROM fkc_customers WHERE id = " + c, TIMEOUT);
        awaitEqual(maria, pg, "SELECT id, customer_id, status, notes FROM fkc_orders WHERE id >= " + c * 10
                + " AND id < " + (c * 10 + 10) + " ORDER BY id", TIMEOUT);
        awaitEqual(maria, pg, "SELECT id, order_id, qty FROM fkc_items WHERE order_id >= " + c * 10 + " AND order_id < "
                + (c * 10 + 10) + " ORDER BY id", TIMEOUT);
    }

    private static void awaitRecorded(DatabaseEndpoint side, String table, String decision) throws Exception {
        Rows.await("a " + decision + " conflict on " + table + " recorded", TIMEOUT,
                () -> Long.parseLong(Rows.read(side, "SELECT count(*) FROM bisync_conflicts WHERE target_table LIKE '%."
                        + table + "' AND decision = '" + decision + "'").get(0).get(0)) > 0,
                () -> Rows.read(side, "SELECT target_table, row_key, decision, reason FROM bisync_conflicts").toString());
    }

    private static void assertNoDeadLetters() {
        assertEquals(0, DeadLetterTopic.size(stack, "bisync.fkc.mariadb-to-postgres.dlq")
                + DeadLetterTopic.size(stack, "bisync.fkc.postgres-to-mariadb.dlq"), "nothing dead-lettered");
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
