package dev.bisync.core.it;

import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static dev.bisync.core.it.Rows.awaitEqual;
import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code track_commit_timestamp=on} (as in the testkit), each transaction bisync commits on PostgreSQL carries
 * its own commit time: a writer session runs under a replication origin, and PostgreSQL would otherwise stamp every
 * transaction of the session after the first with the first's time ({@code Dialect.beforeCommit}).
 */
@ExtendWith(EmbeddedStackExtension.class)
class CommitTimestampIT {

    private static SyncFixture fixture;
    private static DatabaseEndpoint maria;
    private static DatabaseEndpoint pg;

    @BeforeAll
    static void start(EmbeddedStack stack) throws Exception {
        maria = stack.mariadb();
        pg = stack.postgres();
        String table = "CREATE TABLE commit_ts (id int PRIMARY KEY, note varchar(20))";
        execute(maria, table);
        execute(pg, table, "ALTER TABLE commit_ts REPLICA IDENTITY FULL");
        fixture = new SyncFixture(stack, "committs", 5680, List.of("commit_ts"), b -> { });
        fixture.start();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void eachAppliedTransactionCarriesItsOwnCommitTime() throws Exception {
        for (int id = 1; id <= 3; id++) {
            Instant sourceCommit = Instant.now();
            execute(maria, "INSERT INTO commit_ts VALUES (" + id + ", 'row " + id + "')");
            awaitEqual(maria, pg, "SELECT id, note FROM commit_ts ORDER BY id", TIMEOUT);
            Instant stamped = commitTime(id);
            System.out.println("[CommitTimestampIT] row " + id + ": source commit " + sourceCommit
                    + ", PostgreSQL commit timestamp " + stamped);
            assertTrue(stamped != null && !stamped.isBefore(sourceCommit.minusMillis(5)),
                    "row " + id + " was committed on PostgreSQL after its source commit at " + sourceCommit
                            + ", but its commit timestamp reads " + stamped);
            Thread.sleep(300); // the next row's source commit comes clearly later
        }
    }

    /** The commit timestamp PostgreSQL recorded for the transaction that wrote the row, or null. */
    private static Instant commitTime(int id) throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pg_xact_commit_timestamp(xmin) FROM commit_ts WHERE id = " + id)) {
            rs.next();
            OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
            return at == null ? null : at.toInstant();
        }
    }
}
