package dev.bisync.core.it;

import dev.bisync.spi.ConflictDetection;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The target's application locks the rows the lane writes, in the opposite order, all the time: the lane meets
 * deadlocks, retries them briefly (counted), and still applies every source transaction in bounded time, while the
 * application keeps committing too. Nothing is dead-lettered. Both directions.
 */
@ExtendWith(EmbeddedStackExtension.class)
class LockContentionIT {

    private static final int ROWS = 40;
    private static final int SOURCE_TRANSACTIONS = 30;

    private static SyncFixture fixture;
    private static EmbeddedStack stack;
    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    @BeforeAll
    static void start(EmbeddedStack s) throws Exception {
        stack = s;
        String table = "CREATE TABLE lock_rows (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL)";
        execute(stack.mariadb(), table);
        execute(stack.postgres(), table, "ALTER TABLE lock_rows REPLICA IDENTITY FULL");
        StringBuilder rows = new StringBuilder("INSERT INTO lock_rows VALUES ");
        for (int i = 1; i <= 2 * ROWS; i++) {
            rows.append(i == 1 ? "" : ", ").append("(").append(i).append(", 0, 0)");
        }
        execute(stack.mariadb(), rows.toString());
        execute(stack.postgres(), rows.toString());
        // the application changes b, the source changes a: changes to different columns both survive
        fixture = new SyncFixture(stack, "lock", 5613, List.of("lock_rows"),
                b -> b.conflictDetection("lock_rows", ConflictDetection.byChangedColumns()));
        fixture.start(REGISTRY);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theLaneAppliesEverythingWhileTheMariadbApplicationLocksTheSameRowsBackwards() throws Exception {
        contend(stack.postgres(), stack.mariadb(), 1);
    }

    @Test
    void theLaneAppliesEverythingWhilePostgresApplicationLocksTheSameRowsBackwards() throws Exception {
        contend(stack.mariadb(), stack.postgres(), ROWS + 1);
    }

    private static void contend(DatabaseEndpoint source, DatabaseEndpoint target, int first) throws Exception {
        int last = first + ROWS - 1;
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger committed = new AtomicInteger();
        Thread application = new Thread(() -> lockBackwards(target, first, last, running, committed), "app");
        application.start();
        try {
            for (int t = 1; t <= SOURCE_TRANSACTIONS; t++) {
                sourceTransaction(source, first, last, t);
            }
            String sql = "SELECT count(*) FROM lock_rows WHERE id BETWEEN " + first + " AND " + last + " AND a = "
                    + SOURCE_TRANSACTIONS;
            int expected = (ROWS + 2) / 3;
            Rows.await("every source transaction applied under contention", TIMEOUT,
                    () -> Integer.parseInt(Rows.read(target, sql).get(0).get(0)) == expected,
                    () -> Rows.read(target, sql).toString());
        } finally {
            running.set(false);
            application.join();
        }
        assertTrue(committed.get() > 10, "the application kept committing: " + committed.get());
        assertEquals(0, DeadLetterTopic.size(stack, "bisync.lock.mariadb-to-postgres.dlq")
                + DeadLetterTopic.size(stack, "bisync.lock.postgres-to-mariadb.dlq"), "nothing dead-lettered");
    }

    /** The source application's transaction; it meets the other lane on its rows, and tries again as applications do. */
    private static void sourceTransaction(DatabaseEndpoint source, int first, int last, int t) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = source.connect(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                for (int id = first; id <= last; id += 3) {
                    s.executeUpdate("UPDATE lock_rows SET a = " + t + " WHERE id = " + id);
                }
                c.commit();
                return;
            } catch (SQLException deadlock) {
                if (attempt == 20) {
                    throw deadlock;
                }
            }
        }
    }

    /** Updates the rows from the last to the first in one transaction, again and again, holding them briefly. */
    private static void lockBackwards(DatabaseEndpoint target, int first, int last, AtomicBoolean running,
            AtomicInteger committed) {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            int n = 0;
            while (running.get()) {
                try {
                    for (int id = last; id >= first; id--) {
                        s.executeUpdate("UPDATE lock_rows SET b = " + (++n) + " WHERE id = " + id);
                    }
                    Thread.sleep(20);
                    c.commit();
                    committed.incrementAndGet();
                } catch (SQLException deadlock) {
                    c.rollback(); // the application meets the lane too; it tries again
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
