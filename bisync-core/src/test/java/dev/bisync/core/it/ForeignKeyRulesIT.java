package dev.bisync.core.it;

import dev.bisync.api.config.ReferenceRule;
import dev.bisync.core.ConflictAdmin;
import dev.bisync.core.report.ConflictRecord;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The foreign-key rules a user picks per relationship other than the default "delete wins": "insert wins" restores
 * the parent a side deleted from the side that still has it (its own deleted parent too) and keeps it where a delete
 * is refused for new children, so both sides end with the parent and the new children; "park" writes neither and
 * records a parked conflict on each side. Both lanes decide alike; nothing is dead-lettered.
 */
@ExtendWith(EmbeddedStackExtension.class)
class ForeignKeyRulesIT {

    private static final String CUSTOMERS = "CREATE TABLE fkr_customers (id int PRIMARY KEY, name varchar(40) NOT NULL)";
    private static final String ORDERS = "CREATE TABLE fkr_orders (id int PRIMARY KEY, customer_id int NOT NULL, "
            + "status varchar(20) NOT NULL, FOREIGN KEY (customer_id) REFERENCES fkr_customers (id))";
    private static final String ITEMS = "CREATE TABLE fkr_items (id int PRIMARY KEY, order_id int NOT NULL, "
            + "qty int NOT NULL, FOREIGN KEY (order_id) REFERENCES fkr_orders (id))";
    private static final String ADDRESSES = "CREATE TABLE fkr_addresses (id int PRIMARY KEY, customer_id int NOT NULL, "
            + "city varchar(40) NOT NULL, FOREIGN KEY (customer_id) REFERENCES fkr_customers (id))";
    private static final String FOLDERS = "CREATE TABLE fkr_folders (id int PRIMARY KEY, name varchar(40) NOT NULL)";
    private static final String FILES = "CREATE TABLE fkr_files (id int PRIMARY KEY, folder_id int NOT NULL, "
            + "FOREIGN KEY (folder_id) REFERENCES fkr_folders (id))";
    private static final List<String> TABLES = List.of("fkr_customers", "fkr_orders", "fkr_items", "fkr_addresses",
            "fkr_folders", "fkr_files");

    private static SyncFixture fixture;
    private static EmbeddedStack stack;
    private static DatabaseEndpoint maria;
    private static DatabaseEndpoint pg;

    @BeforeAll
    static void start(EmbeddedStack s) throws Exception {
        stack = s;
        maria = stack.mariadb();
        pg = stack.postgres();
        execute(maria, CUSTOMERS, ORDERS, ITEMS, ADDRESSES, FOLDERS, FILES);
        execute(pg, CUSTOMERS, ORDERS, ITEMS, ADDRESSES, FOLDERS, FILES);
        for (String table : TABLES) {
            execute(pg, "ALTER TABLE " + table + " REPLICA IDENTITY FULL");
        }
        fixture = new SyncFixture(stack, "fkr", 5613, TABLES, b -> b
                .referenceRule("fkr_orders", "fkr_customers", ReferenceRule.INSERT_WINS)
                .referenceRule("fkr_items", "fkr_orders", ReferenceRule.INSERT_WINS)
                .referenceRule("fkr_files", "fkr_folders", ReferenceRule.PARK));
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
    void aCustomerDeletedOnOneSideWhileTheOtherAddsAnOrderIsRestoredWithTheNewOrder() throws Exception {
        seed(1);
        fixture.stopSync(); // both applications act before either change crosses
        transaction(maria, "DELETE FROM fkr_items WHERE order_id = 10", "DELETE FROM fkr_orders WHERE customer_id = 1",
                "DELETE FROM fkr_customers WHERE id = 1");
        transaction(pg, "INSERT INTO fkr_orders VALUES (11, 1, 'pending')", "INSERT INTO fkr_items VALUES (111, 11, 1)",
                "INSERT INTO fkr_items VALUES (112, 11, 2)");
        fixture.start();
        assertConverged(1);
        assertEquals(List.of(List.of("1", "c1")), Rows.read(maria, "SELECT id, name FROM fkr_customers WHERE id = 1"));
        assertEquals(List.of(List.of("11")), Rows.read(maria, "SELECT id FROM fkr_orders WHERE customer_id = 1"));
        assertEquals(List.of(List.of("111"), List.of("112")),
                Rows.read(maria, "SELECT id FROM fkr_items WHERE order_id = 11 ORDER BY id"));
        awaitRecorded(pg, "fkr_customers", "keep_target", "the insert wins"); // the delete refused for pg's new order
        awaitRecorded(maria, "fkr_orders", "apply", "the insert wins"); // pg's new order: its customer restored first
        assertNoDeadLetters();
    }

    @Test
    void anItemAddedToAnOrderTheOtherSideDeletedWithItsCustomerRestoresBoth() throws Exception {
        seed(2);
        fixture.stopSync();
        transaction(pg, "DELETE FROM fkr_items WHERE order_id = 20", "DELETE FROM fkr_orders WHERE id = 20",
                "DELETE FROM fkr_customers WHERE id = 2");
        transaction(maria, "INSERT INTO fkr_items VALUES (201, 20, 5)");
        fixture.start();
        assertConverged(2);
        assertEquals(List.of(List.of("2")), Rows.read(pg, "SELECT id FROM fkr_customers WHERE id = 2"));
        assertEquals(List.of(List.of("20", "paid")), Rows.read(pg, "SELECT id, status FROM fkr_orders WHERE id = 20"));
        assertEquals(List.of(List.of("201")), Rows.read(pg, "SELECT id FROM fkr_items WHERE order_id = 20"));
        awaitRecorded(pg, "fkr_items", "apply", "the insert wins");
        awaitRecorded(maria, "fkr_orders", "keep_target", "the insert wins");
        assertNoDeadLetters();
    }

    @Test
    void aParentTableHasOneRuleWhicheverChildTableTheConflictComesThrough() throws Exception {
        // addresses -> customers is left "delete wins", orders -> customers is "insert wins": customers take the
        // stricter, so the outcome does not depend on whether the address or the order meets the delete first
        seed(6);
        fixture.stopSync();
        transaction(maria, "DELETE FROM fkr_items WHERE order_id = 60", "DELETE FROM fkr_orders WHERE customer_id = 6",
                "DELETE FROM fkr_customers WHERE id = 6");
        transaction(pg, "INSERT INTO fkr_addresses VALUES (61, 6, 'Lyon')");
        transaction(pg, "INSERT INTO fkr_orders VALUES (62, 6, 'pending')");
        fixture.start();
        assertConverged(6);
        awaitEqual(maria, pg, "SELECT id, customer_id, city FROM fkr_addresses WHERE customer_id = 6", TIMEOUT);
        assertEquals(List.of(List.of("61", "Lyon")), Rows.read(maria, "SELECT id, city FROM fkr_addresses WHERE "
                + "customer_id = 6"));
        assertEquals(List.of(List.of("62")), Rows.read(maria, "SELECT id FROM fkr_orders WHERE customer_id = 6"));
        assertNoDeadLetters();
    }

    @Test
    void aRestoredParentCarriesWhatItsSideChangedBeforeDeletingIt() throws Exception {
        seed(5);
        fixture.stopSync();
        // mariadb ships the order, then deletes it; postgres, not having seen either, adds an item to it
        transaction(maria, "UPDATE fkr_orders SET status = 'shipped' WHERE id = 50");
        transaction(maria, "DELETE FROM fkr_items WHERE order_id = 50", "DELETE FROM fkr_orders WHERE id = 50");
        transaction(pg, "INSERT INTO fkr_items VALUES (501, 50, 3)");
        fixture.start();
        assertConverged(5);
        // restored on mariadb once postgres holds mariadb's 'shipped': not as postgres held it before ('paid')
        assertEquals(List.of(List.of("50", "shipped")), Rows.read(maria, "SELECT id, status FROM fkr_orders WHERE id = 50"));
        assertEquals(List.of(List.of("501")), Rows.read(maria, "SELECT id FROM fkr_items WHERE order_id = 50"));
        assertNoDeadLetters();
    }

    @Test
    void aFolderDeletedOnOneSideWhileTheOtherAddsAFileIsParkedOnBothSides() throws Exception {
        transaction(maria, "INSERT INTO fkr_folders VALUES (3, 'f3')");
        awaitEqual(maria, pg, "SELECT id, name FROM fkr_folders WHERE id = 3", TIMEOUT);
        fixture.stopSync();
        transaction(maria, "DELETE FROM fkr_folders WHERE id = 3");
        transaction(pg, "INSERT INTO fkr_files VALUES (31, 3)");
        fixture.start();
        awaitParked(pg, "fkr_folders", 3); // the delete refused for pg's new file
        awaitParked(maria, "fkr_files", 31); // pg's new file: its folder is gone
        // the record holds both sides' rows: the delete's (none) and the folder postgres holds
        assertTrue(Rows.read(pg, "SELECT target_image FROM bisync_conflicts WHERE target_table LIKE '%.fkr_folders' "
                + "AND row_key = '{\"id\":3}'").get(0).get(0).contains("f3"));
        assertEquals(List.of(List.of("3")), Rows.read(pg, "SELECT id FROM fkr_folders WHERE id = 3"));
        assertEquals(List.of(), Rows.read(maria, "SELECT id FROM fkr_files WHERE id = 31"));
        assertNoDeadLetters();

        // one resolution settles the parent and its children on both sides: pg's record is the delete, "take source"
        // lets the delete win there
        try (ConflictAdmin admin = ConflictAdmin.open(fixture.config)) {
            ConflictRecord delete = parked(admin, "postgres", "fkr_folders");
            ConflictRecord resolved = admin.resolve(delete.id(), ConflictAdmin.Take.SOURCE);
            assertEquals("resolved", resolved.status());
            assertEquals(List.of(), admin.list(false).stream().filter(r -> r.targetTable().contains("fkr_f")).toList(),
                    "the file's record on mariadb is settled too");
        }
        assertEquals(List.of(), Rows.read(pg, "SELECT id FROM fkr_folders WHERE id = 3"));
        assertEquals(List.of(), Rows.read(pg, "SELECT id FROM fkr_files WHERE id = 31"));
        awaitEqual(maria, pg, "SELECT id FROM fkr_files WHERE folder_id = 3", TIMEOUT);
    }

    @Test
    void aParkedForeignKeyConflictResolvedForTheInsertRestoresTheParentWithItsChildren() throws Exception {
        transaction(maria, "INSERT INTO fkr_folders VALUES (4, 'f4')");
        awaitEqual(maria, pg, "SELECT id, name FROM fkr_folders WHERE id = 4", TIMEOUT);
        fixture.stopSync();
        transaction(maria, "DELETE FROM fkr_folders WHERE id = 4");
        transaction(pg, "INSERT INTO fkr_files VALUES (41, 4)", "INSERT INTO fkr_files VALUES (42, 4)");
        fixture.start();
        awaitParked(maria, "fkr_files", 41);
        awaitParked(maria, "fkr_files", 42);
        awaitParked(pg, "fkr_folders", 4);
        try (ConflictAdmin admin = ConflictAdmin.open(fixture.config)) {
            // mariadb's record is pg's file whose folder mariadb deleted: "take source" lets the insert win
            ConflictRecord file = parked(admin, "mariadb", "fkr_files");
            assertEquals("resolved", admin.resolve(file.id(), ConflictAdmin.Take.SOURCE).status());
            assertEquals(List.of(), admin.list(false).stream().filter(r -> r.targetTable().contains("fkr_f")).toList(),
                    "the other file and the folder's delete are settled too");
        }
        assertEquals(List.of(List.of("4", "f4")), Rows.read(maria, "SELECT id, name FROM fkr_folders WHERE id = 4"));
        awaitEqual(maria, pg, "SELECT id, folder_id FROM fkr_files WHERE folder_id = 4 ORDER BY id", TIMEOUT);
        assertEquals(2, Rows.read(maria, "SELECT id FROM fkr_files WHERE folder_id = 4").size());
        transaction(pg, "UPDATE fkr_folders SET name = 'f4 renamed' WHERE id = 4"); // the lanes go on as before
        awaitEqual(maria, pg, "SELECT id, name FROM fkr_folders WHERE id = 4", TIMEOUT);
        assertNoDeadLetters();
    }

    @Test
    void aFileMovedToAFolderTheOtherSideDeletedIsRemovedOnBothWhenTheDeleteIsTaken() throws Exception {
        transaction(maria, "INSERT INTO fkr_folders VALUES (7, 'f7')", "INSERT INTO fkr_folders VALUES (8, 'f8')",
                "INSERT INTO fkr_files VALUES (81, 8)");
        awaitEqual(maria, pg, "SELECT id, folder_id FROM fkr_files WHERE id = 81", TIMEOUT);
        fixture.stopSync();
        transaction(maria, "DELETE FROM fkr_folders WHERE id = 7");
        transaction(pg, "UPDATE fkr_files SET folder_id = 7 WHERE id = 81"); // moved into the folder mariadb deleted
        fixture.start();
        awaitParked(pg, "fkr_folders", 7);
        awaitParked(maria, "fkr_files", 81);
        assertEquals(List.of(List.of("81", "8")), Rows.read(maria, "SELECT id, folder_id FROM fkr_files WHERE id = 81"),
                "parked: mariadb keeps the file where it was");
        try (ConflictAdmin admin = ConflictAdmin.open(fixture.config)) {
            // mariadb's record is postgres's move: "take target" lets mariadb's delete win
            assertEquals("resolved", admin.resolve(parked(admin, "mariadb", "fkr_files").id(),
                    ConflictAdmin.Take.TARGET).status());
            assertEquals(List.of(), admin.list(false).stream().filter(r -> r.targetTable().contains("fkr_f")).toList(),
                    "the folder's refused delete is settled too");
        }
        for (DatabaseEndpoint side : List.of(maria, pg)) {
            assertEquals(List.of(), Rows.read(side, "SELECT id FROM fkr_folders WHERE id = 7"));
            assertEquals(List.of(), Rows.read(side, "SELECT id FROM fkr_files WHERE id = 81"), "the moved file goes");
        }
        assertNoDeadLetters();
    }

    private static ConflictRecord parked(ConflictAdmin admin, String side, String table) throws Exception {
        return admin.list(false).stream().filter(r -> r.id().startsWith(side + ":")
                && r.targetTable().endsWith("." + table)).findFirst().orElseThrow();
    }

    /** Customer {@code c}, its order {@code c*10} and the order's item {@code c*100}, crossed to both sides. */
    private static void seed(int c) throws Exception {
        transaction(maria, "INSERT INTO fkr_customers VALUES (" + c + ", 'c" + c + "')",
                "INSERT INTO fkr_orders VALUES (" + c * 10 + ", " + c + ", 'paid')",
                "INSERT INTO fkr_items VALUES (" + c * 100 + ", " + c * 10 + ", 1)");
        assertConverged(c);
        assertEquals(1, Rows.read(pg, "SELECT id FROM fkr_items WHERE id = " + c * 100).size());
    }

    private static void assertConverged(int c) throws Exception {
        awaitEqual(maria, pg, "SELECT id, name FROM fkr_customers WHERE id = " + c, TIMEOUT);
        awaitEqual(maria, pg, "SELECT id, customer_id, status FROM fkr_orders WHERE id >= " + c * 10
                + " AND id < " + (c * 10 + 10) + " ORDER BY id", TIMEOUT);
        awaitEqual(maria, pg, "SELECT id, order_id, qty FROM fkr_items WHERE order_id >= " + c * 10
                + " AND order_id < " + (c * 10 + 10) + " ORDER BY id", TIMEOUT);
    }

    private static void awaitRecorded(DatabaseEndpoint side, String table, String decision, String rule)
            throws Exception {
        Rows.await("a " + decision + " conflict on " + table + " recorded", TIMEOUT,
                () -> Long.parseLong(Rows.read(side, "SELECT count(*) FROM bisync_conflicts WHERE target_table LIKE '%."
                        + table + "' AND decision = '" + decision + "' AND strategy = 'foreign key: " + rule + "'")
                        .get(0).get(0)) > 0,
                () -> Rows.read(side, "SELECT target_table, row_key, strategy, decision, reason FROM bisync_conflicts")
                        .toString());
    }

    /** Waits for the parked foreign-key conflict of one row ({@code id}) on one side. */
    private static void awaitParked(DatabaseEndpoint side, String table, int id) throws Exception {
        Rows.await(table + " " + id + " parked", TIMEOUT, () -> Rows.read(side, "SELECT status FROM bisync_conflicts "
                + "WHERE target_table LIKE '%." + table + "' AND row_key = '{\"id\":" + id + "}' AND status = 'parked' "
                + "AND strategy = 'foreign key: park'").size() == 1,
                () -> Rows.read(side, "SELECT target_table, row_key, strategy, status FROM bisync_conflicts").toString());
    }

    private static void assertNoDeadLetters() {
        assertEquals(0, DeadLetterTopic.size(stack, "bisync.fkr.mariadb-to-postgres.dlq")
                + DeadLetterTopic.size(stack, "bisync.fkr.postgres-to-mariadb.dlq"), "nothing dead-lettered");
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
