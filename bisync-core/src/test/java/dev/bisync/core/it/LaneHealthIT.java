package dev.bisync.core.it;

import dev.bisync.api.Health;
import dev.bisync.api.Alert;
import dev.bisync.api.config.AlertRules;
import dev.bisync.core.BiSync;
import dev.bisync.core.report.LaneStatus;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lane that runs but does not do its job is DEGRADED, with a reason that says what is wrong, raises an alert, and is
 * UP again once that has passed: one made to dead-letter at a rate (values too long for the target column), one made
 * to retry (rows locked on MariaDB, whose lock wait times out after 1 s), and one stalled with records waiting (the
 * table locked on PostgreSQL, where a write waits without a timeout). Symptom window 10 s, stall after 5 s.
 */
@ExtendWith(EmbeddedStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LaneHealthIT {

    private static final String TO_PG = "mariadb-to-postgres";
    private static final String TO_MARIA = "postgres-to-mariadb";
    private static final AlertLog ALERTS = new AlertLog();
    private static SyncFixture fixture;
    private static DatabaseEndpoint maria;
    private static DatabaseEndpoint pg;
    private static BiSync sync;
    private static String lockWaitTimeout;

    @BeforeAll
    static void start(EmbeddedStack stack) throws Exception {
        maria = stack.mariadb();
        pg = stack.postgres();
        execute(maria, "CREATE TABLE lh_items (id int PRIMARY KEY, name varchar(40) NOT NULL)");
        execute(pg, "CREATE TABLE lh_items (id int PRIMARY KEY, name varchar(8) NOT NULL)",
                "ALTER TABLE lh_items REPLICA IDENTITY FULL");
        lockWaitTimeout = Rows.read(maria, "SELECT @@GLOBAL.innodb_lock_wait_timeout").get(0).get(0);
        execute(maria, "SET GLOBAL innodb_lock_wait_timeout = 1"); // for the sessions the lanes open from now on
        fixture = new SyncFixture(stack, "lanehealth", 5614, List.of("lh_items"), b -> b.eventAttempts(1)
                .alertRules(AlertRules.builder().lag(0, 0, Duration.ZERO).errorsPerMinute(0)
                        .dlqGrowth(0, Duration.ofMinutes(1)).symptoms(3, 3, 3, Duration.ofSeconds(10))
                        .stalledAfter(Duration.ofSeconds(5)).build())
                .listener(ALERTS));
        sync = fixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (lockWaitTimeout != null) {
            execute(maria, "SET GLOBAL innodb_lock_wait_timeout = " + lockWaitTimeout);
        }
    }

    private static LaneStatus lane(String name) {
        return sync.status().stream().filter(l -> l.lane().equals(name)).findFirst().orElseThrow();
    }

    /** Waits until the lane is DEGRADED with a reason containing {@code what}; returns that reason. */
    private static String awaitDegraded(String name, String what) throws Exception {
        Rows.await("lane " + name + " DEGRADED: ..." + what, TIMEOUT, () -> lane(name).status() == Health.DEGRADED
                && lane(name).reason().contains(what), () -> sync.health().toString());
        String reason = lane(name).reason();
        System.out.println("[LaneHealthIT] " + name + " DEGRADED: " + reason);
        assertEquals(Health.DEGRADED, sync.health().status(), sync.health().toString());
        assertTrue(sync.health().reason().contains("lane " + name + " DEGRADED: "), sync.health().reason());
        return reason;
    }

    private static void awaitUpAndCleared(String name, Alert.Rule rule) throws Exception {
        Rows.await("lane " + name + " UP again", TIMEOUT, () -> lane(name).status() == Health.UP,
                () -> sync.health().toString());
        Rows.await(rule + " cleared", TIMEOUT, () -> ALERTS.contains("cleared " + rule + " " + name),
                ALERTS::toString);
        assertEquals(Health.UP, sync.health().status(), sync.health().toString());
        assertEquals("", lane(name).reason());
    }

    private static String names(String table, int id) throws Exception {
        return Rows.read(pg, "SELECT name FROM " + table + " WHERE id = " + id).toString();
    }

    @Test
    @Order(1)
    void aLaneDeadLetteringAtARateIsDegradedUntilTheBadValuesStop() throws Exception {
        try (Connection c = maria.connect(); Statement s = c.createStatement()) {
            for (int id = 1; id <= 8; id++) { // two a second: 9 characters do not fit PostgreSQL's varchar(8)
                s.execute("INSERT INTO lh_items VALUES (" + id + ", 'too long " + id + "')");
                Thread.sleep(500);
            }
        }
        String reason = awaitDegraded(TO_PG, "dead-lettered");
        assertTrue(reason.matches(".*lane mariadb-to-postgres dead-lettered \\d+ events within 10 s \\(threshold 3\\).*"),
                reason);
        assertTrue(ALERTS.contains("raised DEAD_LETTERING " + TO_PG), ALERTS::toString);
        assertEquals(Health.UP, lane(TO_MARIA).status(), "the other lane is fine");
        execute(maria, "INSERT INTO lh_items VALUES (20, 'fits')");
        Rows.await("the good row applied", TIMEOUT, () -> names("lh_items", 20).equals("[[fits]]"),
                () -> names("lh_items", 20));
        awaitUpAndCleared(TO_PG, Alert.Rule.DEAD_LETTERING);
        assertTrue(lane(TO_PG).deadLettered() >= 8, lane(TO_PG)::toString);
    }

    @Test
    @Order(2)
    void aLaneRetryingAgainstLockedRowsIsDegradedUntilTheLockIsReleased() throws Exception {
        try (Connection locker = maria.connect(); Statement s = locker.createStatement()) {
            locker.setAutoCommit(false);
            s.executeQuery("SELECT * FROM lh_items FOR UPDATE").close(); // every row and gap of the table
            execute(pg, "INSERT INTO lh_items VALUES (30, 'locked')");
            String reason = awaitDegraded(TO_MARIA, "retried");
            assertTrue(reason.contains("Lock wait timeout"), reason); // the lane's own reason, then the symptom
            assertTrue(reason.matches(".*lane postgres-to-mariadb retried \\d+ batch attempts within 10 s \\(threshold 3\\).*"),
                    reason);
            assertTrue(ALERTS.contains("raised RETRYING " + TO_MARIA), ALERTS::toString);
            locker.rollback();
        }
        Rows.await("the row applied once the lock is gone", TIMEOUT, () -> Rows.read(maria,
                "SELECT name FROM lh_items WHERE id = 30").equals(List.of(List.of("locked"))), () -> "not yet");
        awaitUpAndCleared(TO_MARIA, Alert.Rule.RETRYING);
    }

    @Test
    @Order(3)
    void aLaneStalledWithRecordsWaitingIsDegradedUntilItAppliesAgain() throws Exception {
        try (Connection locker = pg.connect(); Statement s = locker.createStatement()) {
            locker.setAutoCommit(false);
            s.execute("LOCK TABLE lh_items IN ACCESS EXCLUSIVE MODE"); // the lane's write waits: no lock_timeout
            execute(maria, "INSERT INTO lh_items VALUES (40, 'stuck'), (41, 'stuck')");
            String reason = awaitDegraded(TO_PG, "has applied nothing for");
            assertTrue(reason.matches(".*lane mariadb-to-postgres has applied nothing for \\d+ s while \\d+ records? waits? "
                    + "\\(threshold 5 s\\).*"), reason);
            assertTrue(ALERTS.contains("raised STALLED " + TO_PG), ALERTS::toString);
            assertTrue(lane(TO_PG).lagRecords() > 0, lane(TO_PG)::toString);
            locker.rollback();
        }
        Rows.await("the rows applied once the lock is gone", TIMEOUT,
                () -> names("lh_items", 41).equals("[[stuck]]"), () -> names("lh_items", 41));
        awaitUpAndCleared(TO_PG, Alert.Rule.STALLED);
    }
}
