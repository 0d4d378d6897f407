package dev.bisync.core.it;

import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
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
 * A sync process killed abruptly (SIGKILL) in the middle of a stream of 10,000 changes, then started again: the
 * target ends equal to the source, nothing lost, nothing applied twice. Proof from the target database: the rows
 * equal the source's; a trigger records every write that would move the application's counter backwards (what
 * re-applying an old change does) and records none; the offsets stored with the rows equal the topic's end.
 */
@Tag("versions") // also run against other database versions: see this module's pom
@ExtendWith(EmbeddedStackExtension.class)
class CrashIT {

    private static final int ROWS = 2_000;
    private static final int UPDATES = 8_000;

    private static SyncFixture fixture;
    private static EmbeddedStack stack;
    private static DatabaseEndpoint maria;
    private static DatabaseEndpoint pg;

    @BeforeAll
    static void start(EmbeddedStack s) throws Exception {
        stack = s;
        maria = stack.mariadb();
        pg = stack.postgres();
        execute(maria, "CREATE TABLE crash_counter (id int PRIMARY KEY, n bigint NOT NULL)");
        execute(pg, "CREATE TABLE crash_counter (id int PRIMARY KEY, n bigint NOT NULL)",
                "ALTER TABLE crash_counter REPLICA IDENTITY FULL",
                "CREATE TABLE crash_backwards (id int, old_n bigint, new_n bigint)",
                "CREATE FUNCTION crash_watch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "IF NEW.n < OLD.n THEN INSERT INTO crash_backwards VALUES (NEW.id, OLD.n, NEW.n); END IF; "
                        + "RETURN NEW; END $$",
                "CREATE TRIGGER crash_watch BEFORE UPDATE ON crash_counter FOR EACH ROW EXECUTE FUNCTION crash_watch()");
        fixture = new SyncFixture(stack, "crash", 5604, List.of("crash_counter"), b -> { });
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
        CompletableFuture<Void> workload = CompletableFuture.runAsync(() -> CounterStream.write(maria,
                "crash_counter", ROWS, UPDATES, changes));
        Rows.await("a third of the changes applied", Duration.ofSeconds(60),
                () -> appliedCounter() >= (ROWS + UPDATES) / 3, () -> "applied " + appliedCounter());
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        System.out.println("[CrashIT] killed the sync after " + appliedCounter() + " applied; " + changes
                + " changes written so far");
        Process second = startSyncProcess(2);
        try {
            workload.join();
            assertEquals(ROWS + UPDATES, changes.get());
            awaitEqual(maria, pg, "SELECT id, n FROM crash_counter ORDER BY id", Duration.ofSeconds(90));
            assertEquals(List.of(List.of(String.valueOf(ROWS), String.valueOf(UPDATES))),
                    Rows.read(pg, "SELECT count(*), sum(n) FROM crash_counter"), "rows and the sum of all increments");
            assertEquals(List.of(), Rows.read(pg, "SELECT * FROM crash_backwards"),
                    "no old change was applied again over a newer one");
            String topic = "crashmaria.app.crash_counter";
            long topicEnd = CounterStream.topicEnd(stack, topic);
            Rows.await("stored offset at the topic's end", Duration.ofSeconds(30),
                    () -> CounterStream.storedOffset(pg, topic) == topicEnd,
                    () -> "stored " + CounterStream.storedOffset(pg, topic) + ", end " + topicEnd);
            System.out.println("[CrashIT] topic end " + topicEnd + " = offset stored in PostgreSQL; target equal");
        } finally {
            second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static long appliedCounter() throws Exception {
        return CounterStream.applied(pg, "crash_counter");
    }

    private static Process startSyncProcess(int run) throws Exception {
        return SyncProcess.start(stack, "crash", "crash_counter", "crash-sync-" + run + ".log",
                Map.of("BISYNC_BATCH", "200"), true).process;
    }
}
