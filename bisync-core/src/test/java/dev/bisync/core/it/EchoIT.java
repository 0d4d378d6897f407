package dev.bisync.core.it;

import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.List;

import static dev.bisync.core.it.Rows.awaitEqual;
import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One application write on one side makes exactly one row write on the other side and none back — counted by the
 * databases themselves: a trigger on each side records every row write ({@link AuditedTable}), and MariaDB's
 * binlog GTID position counts the transactions bisync wrote (its own GTID domain).
 *
 * <p>On PostgreSQL 15 (no origin filter at capture) each bisync write on PostgreSQL is captured, reaches the
 * PostgreSQL-to-MariaDB lane and is recognised there by its replication origin: no row is written back (the
 * triggers' counts are the same as on 16+), but the lane records the skipped event's Kafka offset in MariaDB's
 * {@code bisync_offsets}, a transaction of bisync's own on MariaDB per such echo.
 */
@Tag("versions") // also run against PostgreSQL 15: see this module's pom
@ExtendWith(EmbeddedStackExtension.class)
class EchoIT {

    /** How long to keep watching for an echo after the change has crossed. */
    private static final long SETTLE_MS = 3_000;

    private static SyncFixture fixture;
    private static DatabaseEndpoint maria;
    private static DatabaseEndpoint pg;
    /** Offset-only transactions on MariaDB per echo of a bisync write on PostgreSQL: 1 on 15, 0 on 16+. */
    private static long offsetCommitPerEcho;

    @BeforeAll
    static void start(EmbeddedStack stack) throws Exception {
        offsetCommitPerEcho = stack.postgresServer().versionNumber() < 160_000 ? 1 : 0;
        maria = stack.mariadb();
        pg = stack.postgres();
        AuditedTable.create(stack, "echo");
        fixture = new SyncFixture(stack, "echo", 5602, List.of("echo_items"), b -> { });
        fixture.start();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void echoOfOwnWriteIsNotAppliedBack() throws Exception {
        long bisyncTxBefore = AuditedTable.bisyncTransactionsOnMariaDb(maria);
        execute(maria, "INSERT INTO echo_items VALUES (1, 'from mariadb', 1)");
        awaitEqual(maria, pg, "SELECT id, name, qty FROM echo_items ORDER BY id", TIMEOUT);
        Thread.sleep(SETTLE_MS);
        Counts afterInsert = counts(bisyncTxBefore);
        System.out.println("[EchoIT] insert on MariaDB -> " + afterInsert);
        assertEquals(new Counts(1, 1, offsetCommitPerEcho), afterInsert, "writes after one insert on MariaDB");

        execute(pg, "UPDATE echo_items SET qty = 2, name = 'from postgres' WHERE id = 1");
        awaitEqual(pg, maria, "SELECT id, name, qty FROM echo_items ORDER BY id", TIMEOUT);
        Thread.sleep(SETTLE_MS);
        Counts afterUpdate = counts(bisyncTxBefore);
        System.out.println("[EchoIT] then update on PostgreSQL -> " + afterUpdate);
        assertEquals(new Counts(2, 2, 1 + offsetCommitPerEcho), afterUpdate, "writes after one update on PostgreSQL");

        execute(maria, "DELETE FROM echo_items WHERE id = 1");
        awaitEqual(maria, pg, "SELECT id, name, qty FROM echo_items ORDER BY id", TIMEOUT);
        Thread.sleep(SETTLE_MS);
        Counts afterDelete = counts(bisyncTxBefore);
        System.out.println("[EchoIT] then delete on MariaDB -> " + afterDelete);
        assertEquals(new Counts(3, 3, 1 + 2 * offsetCommitPerEcho), afterDelete, "writes after one delete on MariaDB");
    }

    /**
     * Row writes on each side, from the audit triggers, and the transactions bisync committed on MariaDB.
     *
     * @param mariadbRowWrites  rows written on MariaDB (application and bisync)
     * @param postgresRowWrites rows written on PostgreSQL (application and bisync)
     * @param bisyncTxOnMariaDb transactions in bisync's GTID domain on MariaDB since the test began
     */
    record Counts(long mariadbRowWrites, long postgresRowWrites, long bisyncTxOnMariaDb) {
    }

    private static Counts counts(long bisyncTxBefore) throws SQLException {
        return new Counts(count(maria), count(pg), AuditedTable.bisyncTransactionsOnMariaDb(maria) - bisyncTxBefore);
    }

    private static long count(DatabaseEndpoint endpoint) throws SQLException {
        return AuditedTable.writes(endpoint, "echo");
    }
}
