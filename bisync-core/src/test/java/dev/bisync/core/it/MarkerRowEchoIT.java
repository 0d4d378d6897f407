package dev.bisync.core.it;

import dev.bisync.api.config.EchoMarking;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static dev.bisync.core.it.Rows.awaitEqual;
import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Echo prevention by marker rows ({@link EchoMarking#MARKER_ROWS}), the fallback for servers and accounts that cannot
 * mark bisync's sessions (MySQL 8.0–8.2, an account without the privilege): both sides are set to marker rows, so
 * no writer session carries a replication origin or a GTID domain, every write of bisync reaches Kafka, and only the
 * marker row its transaction bumped tells the other lane that it is an echo. Counted by the databases' triggers
 * ({@link AuditedTable}); the markers must not travel back and forth once the changes have crossed.
 */
@Tag("versions") // also run against PostgreSQL 15: see this module's pom
@ExtendWith(EmbeddedStackExtension.class)
class MarkerRowEchoIT {

    private static final long SETTLE_MS = 3_000;
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

    private static SyncFixture fixture;
    private static DatabaseEndpoint maria;
    private static DatabaseEndpoint pg;

    @BeforeAll
    static void start(EmbeddedStack stack) throws Exception {
        maria = stack.mariadb();
        pg = stack.postgres();
        String table = AuditedTable.create(stack, "marked");
        fixture = new SyncFixture(stack, "marked", 5611, List.of(table), b -> { }, c -> { },
                EchoMarking.MARKER_ROWS);
        fixture.start(METERS);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void writesMarkedByRowsAreRecognisedAndNotAppliedBack() throws Exception {
        long domainBefore = AuditedTable.bisyncTransactionsOnMariaDb(maria);
        execute(maria, "INSERT INTO marked_items VALUES (1, 'from mariadb', 1)");
        awaitEqual(maria, pg, "SELECT id, name, qty FROM marked_items ORDER BY id", TIMEOUT);
        Rows.await("the echo on PostgreSQL recognised", TIMEOUT, () -> echoes("postgres-to-mariadb") >= 1,
                () -> "echoes " + echoes("postgres-to-mariadb"));
        Thread.sleep(SETTLE_MS);
        assertWrites(1, 1, "after one insert on MariaDB");

        execute(pg, "UPDATE marked_items SET qty = 2, name = 'from postgres' WHERE id = 1");
        awaitEqual(pg, maria, "SELECT id, name, qty FROM marked_items ORDER BY id", TIMEOUT);
        Rows.await("the echo on MariaDB recognised", TIMEOUT, () -> echoes("mariadb-to-postgres") >= 1,
                () -> "echoes " + echoes("mariadb-to-postgres"));
        Thread.sleep(SETTLE_MS);
        assertWrites(2, 2, "then one update on PostgreSQL");

        try (Connection c = maria.connect(); Statement s = c.createStatement()) { // one transaction, three rows
            c.setAutoCommit(false);
            for (int id = 2; id <= 4; id++) {
                s.execute("INSERT INTO marked_items VALUES (" + id + ", 'batch', " + id + ")");
            }
            c.commit();
        }
        awaitEqual(maria, pg, "SELECT id, name, qty FROM marked_items ORDER BY id", TIMEOUT);
        Thread.sleep(SETTLE_MS);
        assertWrites(5, 5, "then a transaction of three inserts on MariaDB");

        execute(maria, "DELETE FROM marked_items WHERE id = 1");
        awaitEqual(maria, pg, "SELECT id, name, qty FROM marked_items ORDER BY id", TIMEOUT);
        Thread.sleep(SETTLE_MS);
        assertWrites(6, 6, "then one delete on MariaDB");

        long[] marks = {marks(maria), marks(pg)};
        Thread.sleep(SETTLE_MS);
        long[] later = {marks(maria), marks(pg)};
        System.out.println("[MarkerRowEchoIT] marker bumps: mariadb " + later[0] + ", postgres " + later[1]
                + "; echoes recognised: mariadb-to-postgres " + echoes("mariadb-to-postgres")
                + ", postgres-to-mariadb " + echoes("postgres-to-mariadb"));
        assertEquals(marks[0], later[0], "no marker bumped on MariaDB once the changes have crossed");
        assertEquals(marks[1], later[1], "no marker bumped on PostgreSQL once the changes have crossed");
        assertTrue(later[0] >= 1 && later[1] >= 1, "bisync's writes were marked on both sides");
        assertEquals(List.of(1.0, 5.0), List.of(echoes("mariadb-to-postgres"), echoes("postgres-to-mariadb")),
                "every write of bisync recognised by its marker (1 on MariaDB, 5 on PostgreSQL), none left to the "
                        + "equal-row check");
        assertEquals(domainBefore, AuditedTable.bisyncTransactionsOnMariaDb(maria),
                "no writer session set bisync's GTID domain");
        assertEquals(0, Long.parseLong(Rows.read(pg, "SELECT count(*) FROM pg_replication_origin WHERE roname LIKE '"
                + fixture.config.echo().name() + "\\_%'").get(0).get(0)), "no replication origin was made");
    }

    private static void assertWrites(long mariadb, long postgres, String when) throws SQLException {
        long m = AuditedTable.writes(maria, "marked");
        long p = AuditedTable.writes(pg, "marked");
        System.out.println("[MarkerRowEchoIT] " + when + ": row writes mariadb " + m + ", postgres " + p);
        assertEquals(List.of(mariadb, postgres), List.of(m, p), "row writes (mariadb, postgres) " + when);
    }

    private static long marks(DatabaseEndpoint endpoint) throws SQLException {
        String sum = Rows.read(endpoint, "SELECT COALESCE(SUM(marks), 0) FROM bisync_echo_marks").get(0).get(0);
        return Long.parseLong(sum);
    }

    private static double echoes(String lane) {
        return AuditedTable.echoes(METERS, lane);
    }
}
