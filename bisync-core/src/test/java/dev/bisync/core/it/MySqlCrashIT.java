package dev.bisync.core.it;

import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import dev.bisync.testkit.MySqlExtension;
import dev.bisync.testkit.MySqlServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.bisync.core.it.Rows.awaitEqual;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link CrashIT} with MySQL (under Testcontainers) as the source: a sync process killed (SIGKILL) in the middle of
 * a stream of 5,000 changes on MySQL, then started again; PostgreSQL ends equal to MySQL, no change applied twice
 * (a trigger records every write that would move the counter backwards, and records none), the offsets stored with
 * the rows at the topic's end. Skipped, with one line saying why, where no Docker engine is reachable.
 */
@Tag("mysql")
@ExtendWith({MySqlExtension.class, EmbeddedStackExtension.class})
class MySqlCrashIT {

    private static final String SYNC = "mysqlcrash";
    private static final int ROWS = 1_000;
    private static final int UPDATES = 4_000;

    private static SyncFixture fixture;
    private static EmbeddedStack stack;
    private static MySqlServer server;
    private static DatabaseEndpoint mysql;
    private static DatabaseEndpoint pg;

    @BeforeAll
    static void start(MySqlServer mysqlServer, EmbeddedStack s) throws Exception {
        server = mysqlServer;
        stack = s;
        mysql = server.admin();
        pg = stack.postgres();
        execute(mysql, "CREATE TABLE mycrash_counter (id int PRIMARY KEY, n bigint NOT NULL)");
        execute(pg, "CREATE TABLE mycrash_counter (id int PRIMARY KEY, n bigint NOT NULL)",
                "ALTER TABLE mycrash_counter REPLICA IDENTITY FULL",
                "CREATE TABLE mycrash_backwards (id int, old_n bigint, new_n bigint)",
                "CREATE FUNCTION mycrash_watch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "IF NEW.n < OLD.n THEN INSERT INTO mycrash_backwards VALUES (NEW.id, OLD.n, NEW.n); END IF; "
                        + "RETURN NEW; END $$",
                "CREATE TRIGGER mycrash_watch BEFORE UPDATE ON mycrash_counter FOR EACH ROW "
                        + "EXECUTE FUNCTION mycrash_watch()");
        fixture = new SyncFixture(stack, SYNC, 5702, List.of("mycrash_counter"), server.bisyncUser(),
                server.captureUser(), b -> { }, c -> { });
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void killedSyncResumesWithNothingLostOrAppliedTwice() throws Exception {
        AtomicInteger changes = new AtomicInteger();
        Process first = startSyncProcess(1);
        CompletableFuture<Void> workload = CompletableFuture.runAsync(() -> CounterStream.write(mysql,
                "mycrash_counter", ROWS, UPDATES, changes));
        Rows.await("a third of the changes applied", Duration.ofSeconds(60),
                () -> appliedCounter() >= (ROWS + UPDATES) / 3, () -> "applied " + appliedCounter());
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Process second = startSyncProcess(2);
        try {
            workload.join();
            assertEquals(ROWS + UPDATES, changes.get());
            awaitEqual(mysql, pg, "SELECT id, n FROM mycrash_counter ORDER BY id", Duration.ofSeconds(90));
            assertEquals(List.of(List.of(String.valueOf(ROWS), String.valueOf(UPDATES))),
                    Rows.read(pg, "SELECT count(*), sum(n) FROM mycrash_counter"), "rows and the sum of all increments");
            assertEquals(List.of(), Rows.read(pg, "SELECT * FROM mycrash_backwards"),
                    "no old change was applied again over a newer one");
            String topic = SYNC + "maria." + EmbeddedStack.DATABASE + ".mycrash_counter";
            long topicEnd = CounterStream.topicEnd(stack, topic);
            Rows.await("stored offset at the topic's end", Duration.ofSeconds(30),
                    () -> CounterStream.storedOffset(pg, topic) == topicEnd,
                    () -> "stored " + CounterStream.storedOffset(pg, topic) + ", end " + topicEnd);
        } finally {
            second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static long appliedCounter() throws Exception {
        return CounterStream.applied(pg, "mycrash_counter");
    }

    /** The sync in a process of its own, its side A the MySQL server as bisync's account. */
    private static Process startSyncProcess(int run) throws Exception {
        DatabaseEndpoint writer = server.bisyncUser();
        return SyncProcess.start(stack, SYNC, "mycrash_counter", "mysql-crash-sync-" + run + ".log",
                Map.of("BISYNC_BATCH", "200", "BISYNC_A_URL", writer.jdbcUrl(), "BISYNC_A_USER", writer.user(),
                        "BISYNC_A_PASSWORD", writer.password(), "BISYNC_A_NAMESPACE", writer.database()),
                true).process;
    }
}
