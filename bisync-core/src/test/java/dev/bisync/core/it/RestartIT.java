package dev.bisync.core.it;

import dev.bisync.api.Health;
import dev.bisync.api.config.SyncConfig;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.bisync.core.it.Rows.awaitEqual;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sync process killed with SIGKILL under load and started again at once, as a supervisor would: the restarted
 * lane knows its lag and applies changes within 15 s of its start (the lanes UP in the new process), because its
 * consumer is the same static group member as before and gets the dead member's partitions back without waiting for
 * that member's session (45 s) to time out. Set {@code -Dbisync.restart.instanceId=} (empty: no static membership) to
 * see it fail. And two instances of one sync on one host: with one instance id the one that joined first is fenced out
 * and says why; with their own ids both run.
 */
@ExtendWith(EmbeddedStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {

    private static final long LIMIT_MS = 15_000;
    private static final Pattern LAG = Pattern.compile("LANE mariadb-to-postgres \\w+ (\\d+)");

    private static SyncFixture fixture;
    private static EmbeddedStack stack;
    private static DatabaseEndpoint maria;
    private static DatabaseEndpoint pg;

    @BeforeAll
    static void start(EmbeddedStack s) throws Exception {
        stack = s;
        maria = stack.mariadb();
        pg = stack.postgres();
        execute(maria, "CREATE TABLE restart_items (id int PRIMARY KEY, note varchar(40) NOT NULL)");
        execute(pg, "CREATE TABLE restart_items (id int PRIMARY KEY, note varchar(40) NOT NULL)",
                "ALTER TABLE restart_items REPLICA IDENTITY FULL");
        fixture = new SyncFixture(stack, "restart", 5615, List.of("restart_items"), b -> { });
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Runs first: the processes killed by the next test stay members of the groups for their session timeout. */
    @Test
    @Order(1)
    void twoInstancesWithOneInstanceIdFenceOneOutWhichSaysWhyAndWithTheirOwnIdsBothRun() throws Exception {
        try (BiSync first = BiSync.builder(fixture.config).start()) {
            first.awaitUp(SyncFixture.TIMEOUT);
            try (BiSync second = BiSync.builder(fixture.config).start()) {
                Rows.await("the first instance's lanes fenced out", SyncFixture.TIMEOUT, () -> first.status().stream()
                        .allMatch(l -> l.status() == Health.DOWN), () -> first.status().toString());
                for (LaneStatus lane : first.status()) {
                    System.out.println("[RestartIT] fenced: " + lane.lane() + " " + lane.reason());
                    assertTrue(lane.reason().contains("as the same static member restart-" + lane.lane() + "-"
                            + fixture.config.instanceId()) && lane.reason().contains("give each its own"),
                            lane.reason());
                }
                second.awaitUp(SyncFixture.TIMEOUT);
            }
        }
        SyncConfig.Builder one = SyncConfig.builder().name("restart").kafkaBootstrapServers(
                fixture.config.kafkaBootstrapServers()).sideA(fixture.config.sideA()).sideB(fixture.config.sideB());
        try (BiSync a = BiSync.builder(one.instanceId("one").build()).start();
             BiSync b = BiSync.builder(one.instanceId("two").build()).start()) {
            a.awaitUp(SyncFixture.TIMEOUT);
            b.awaitUp(SyncFixture.TIMEOUT);
            execute(maria, "INSERT INTO restart_items VALUES (-1, 'either instance')");
            awaitEqual(maria, pg, "SELECT id, note FROM restart_items ORDER BY id", SyncFixture.TIMEOUT);
            Thread.sleep(3_000); // a few more rounds of the groups' heartbeats: nobody fenced
            assertTrue(a.status().stream().allMatch(l -> l.status() == Health.UP), a.status()::toString);
            assertTrue(b.status().stream().allMatch(l -> l.status() == Health.UP), b.status()::toString);
        }
    }

    @Test
    @Order(2)
    void aLaneKilledUnderLoadAndRestartedAppliesWithinSeconds() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("BISYNC_BATCH", "200"));
        String instanceId = System.getProperty("bisync.restart.instanceId");
        if (instanceId != null) {
            env.put("BISYNC_INSTANCE_ID", instanceId);
        }
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        SyncProcess first = SyncProcess.start(stack, "restart", "restart_items", "restart-sync-1.log", env, true);
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> load(loading, written));
        SyncProcess second = null;
        try {
            Rows.await("the first process applying", Duration.ofSeconds(60), () -> applied() >= 1_000,
                    () -> "applied " + applied());
            first.kill();
            long atKill = applied();
            long spawned = System.nanoTime();
            second = SyncProcess.start(stack, "restart", "restart_items", "restart-sync-2.log", env, false);
            long started = -1;
            long lagKnown = -1;
            long firstApplied = -1;
            long caughtUp = -1;
            while (caughtUp < 0 && millisSince(spawned) < 120_000) {
                String out = second.output();
                started = started < 0 && out.contains("STARTED") ? millisSince(spawned) : started;
                Matcher m = LAG.matcher(out);
                long lag = -1;
                while (m.find()) {
                    lag = Long.parseLong(m.group(1));
                    lagKnown = lagKnown < 0 ? millisSince(spawned) : lagKnown;
                }
                firstApplied = firstApplied < 0 && applied() > atKill ? millisSince(spawned) : firstApplied;
                // under load: less than a fifth of a second of it waiting (the lag is read once a second)
                caughtUp = firstApplied >= 0 && lag >= 0 && lag < 100 ? millisSince(spawned) : caughtUp;
                assertTrue(second.process.isAlive(), second::output);
                Thread.sleep(50);
            }
            loading.set(false);
            load.join();
            awaitEqual(maria, pg, "SELECT id, note FROM restart_items ORDER BY id", Duration.ofSeconds(90));
            System.out.printf("[RestartIT] killed after %,d rows applied (%,d written); the new process (from its "
                    + "start): STARTED after %.1f s, lag known after %.1f s, first change applied after %.1f s, caught "
                    + "up (lag under 100, load still on) after %.1f s; all %,d rows equal%n", atKill, written.get(),
                    started / 1e3, lagKnown / 1e3, firstApplied / 1e3, caughtUp / 1e3, written.get());
            // from the lanes' start, not the JVM's: on two busy cores starting a JVM alone takes 5-10 s
            assertTrue(started >= 0 && firstApplied >= 0 && firstApplied - started < LIMIT_MS, "the restarted lane "
                    + "applied its first change " + (firstApplied - started) + " ms after its start (limit "
                    + LIMIT_MS + " ms)");
            assertTrue(lagKnown >= 0 && lagKnown - started < LIMIT_MS, "the restarted lane knew its lag "
                    + (lagKnown - started) + " ms after its start (limit " + LIMIT_MS + " ms)");
        } finally {
            loading.set(false);
            first.kill();
            if (second != null) {
                second.kill();
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static long applied() throws Exception {
        return Long.parseLong(Rows.read(pg, "SELECT count(*) FROM restart_items").get(0).get(0));
    }

    /** About 500 rows a second, in transactions of 10, until told to stop. */
    private static void load(AtomicBoolean loading, AtomicInteger written) {
        try (Connection c = maria.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            while (loading.get()) {
                for (int i = 0; i < 10; i++) {
                    int id = written.incrementAndGet();
                    s.execute("INSERT INTO restart_items VALUES (" + id + ", 'row " + id + "')");
                }
                c.commit();
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
