package dev.bisync.core.it;

import dev.bisync.core.InitialSync;
import dev.bisync.core.report.InitReport;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import dev.bisync.testkit.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static dev.bisync.core.it.Rows.awaitEqual;
import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sync whose MariaDB side is a {@code jdbc:mariadb:} URL (MariaDB Connector/J), on a database of its own made
 * with {@link MariaDbServer#createDatabase}: the initial copy into MariaDB by LOAD DATA through that driver, CRUD
 * both ways, and no echo, counted by audit triggers on both sides.
 */
@ExtendWith(EmbeddedStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MariaDbConnectorJIT {

    private static final String DB = "drv_shop";
    private static final long SETTLE_MS = 1_500;

    private static SyncFixture fixture;
    private static DatabaseEndpoint maria; // admin, through MariaDB Connector/J
    private static DatabaseEndpoint pg;

    @BeforeAll
    static void start(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint writer = MariaDbServer.viaMariaDbDriver(stack.mariadbServer().createDatabase(DB));
        maria = MariaDbServer.viaMariaDbDriver(stack.mariadbServer().admin(DB));
        pg = stack.postgres();
        execute(maria,
                "CREATE TABLE drv_items (id int PRIMARY KEY, name varchar(40) NOT NULL, qty int NOT NULL, "
                        + "at datetime(6) NULL)",
                "CREATE TABLE drv_audit (n bigint AUTO_INCREMENT PRIMARY KEY, op char(1) NOT NULL)",
                "CREATE TRIGGER drv_ins AFTER INSERT ON drv_items FOR EACH ROW INSERT INTO drv_audit (op) VALUES ('i')",
                "CREATE TRIGGER drv_upd AFTER UPDATE ON drv_items FOR EACH ROW INSERT INTO drv_audit (op) VALUES ('u')",
                "CREATE TRIGGER drv_del AFTER DELETE ON drv_items FOR EACH ROW INSERT INTO drv_audit (op) VALUES ('d')",
                "CREATE TABLE drv_seed (id int PRIMARY KEY, label varchar(40), price decimal(10,2), day date)");
        execute(pg,
                "CREATE TABLE drv_items (id int PRIMARY KEY, name varchar(40) NOT NULL, qty int NOT NULL, "
                        + "at timestamp(6) NULL)",
                "ALTER TABLE drv_items REPLICA IDENTITY FULL",
                "CREATE TABLE drv_audit (n bigserial PRIMARY KEY, op char(1) NOT NULL)",
                "CREATE FUNCTION drv_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "INSERT INTO drv_audit (op) VALUES (lower(left(TG_OP, 1))); RETURN NULL; END $$",
                "CREATE TRIGGER drv_audit AFTER INSERT OR UPDATE OR DELETE ON drv_items "
                        + "FOR EACH ROW EXECUTE FUNCTION drv_audit_row()",
                "CREATE TABLE drv_seed (id int PRIMARY KEY, label varchar(40), price numeric(10,2), day date)",
                "ALTER TABLE drv_seed REPLICA IDENTITY FULL",
                "INSERT INTO drv_seed SELECT g, 'row\t' || g, g * 1.25, date '2026-01-01' + g FROM "
                        + "generate_series(1, 300) g",
                "INSERT INTO drv_seed VALUES (301, NULL, NULL, NULL)");
        fixture = new SyncFixture(stack, "drv", 5611, List.of("drv_items", "drv_seed"), writer,
                MariaDbServer.viaMariaDbDriver(stack.mariadbServer().admin(DB)), b -> { }, c -> { });
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void initialCopyIntoMariaDbLoadsDataThroughMariaDbConnectorJ() throws Exception {
        InitReport report = InitialSync.builder(fixture.config).from("postgres").chunkRows(100).run();
        assertEquals(301, report.rows());
        assertEquals(Map.of("LOAD DATA", 301L), report.writtenBy(), "written by the bulk path of MariaDB's driver");
        assertEquals(List.of(), report.mismatches());
        awaitEqual(pg, maria, "SELECT id, label, price, day FROM drv_seed ORDER BY id", TIMEOUT);
    }

    @Test
    @Order(2)
    void crudCrossesBothWaysAndNothingEchoes() throws Exception {
        fixture.start();
        execute(maria, "INSERT INTO drv_items VALUES (1, 'from mariadb', 1, '2026-01-02 03:04:05.123456')");
        awaitEqual(maria, pg, "SELECT id, name, qty, at FROM drv_items ORDER BY id", TIMEOUT);
        execute(pg, "UPDATE drv_items SET qty = 2, name = 'from postgres' WHERE id = 1",
                "INSERT INTO drv_items VALUES (2, 'second', 5, NULL)");
        awaitEqual(pg, maria, "SELECT id, name, qty, at FROM drv_items ORDER BY id", TIMEOUT);
        execute(maria, "DELETE FROM drv_items WHERE id = 1");
        awaitEqual(maria, pg, "SELECT id, name, qty, at FROM drv_items ORDER BY id", TIMEOUT);
        execute(pg, "DELETE FROM drv_items WHERE id = 2");
        awaitEqual(pg, maria, "SELECT id, name, qty, at FROM drv_items ORDER BY id", TIMEOUT);
        Thread.sleep(SETTLE_MS);
        // each side: insert 1, update 1, insert 2, delete 1, delete 2 = 5 row writes; an echo would add more
        assertEquals(5, writes(maria), "row writes on MariaDB");
        assertEquals(5, writes(pg), "row writes on PostgreSQL");
        assertTrue(Rows.read(maria, "SELECT id FROM drv_items").isEmpty());
    }

    private static long writes(DatabaseEndpoint endpoint) throws Exception {
        return Long.parseLong(Rows.read(endpoint, "SELECT count(*) FROM drv_audit").get(0).get(0));
    }
}
