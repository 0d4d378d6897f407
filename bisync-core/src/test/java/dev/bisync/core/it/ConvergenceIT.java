package dev.bisync.core.it;

import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.bisync.core.it.Rows.awaitEqual;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both lanes running while both sides take writes, on disjoint and on shared keys: both sides end identical. */
@ExtendWith(EmbeddedStackExtension.class)
class ConvergenceIT {

    private static final long WRITE_MILLIS = 8_000;

    private static SyncFixture fixture;
    private static DatabaseEndpoint maria;
    private static DatabaseEndpoint pg;

    @BeforeAll
    static void start(EmbeddedStack stack) throws Exception {
        maria = stack.mariadb();
        pg = stack.postgres();
        execute(maria, "CREATE TABLE conv_items (id int PRIMARY KEY, val int NOT NULL, who varchar(10) NOT NULL, "
                + "updated_at datetime(6) NOT NULL)");
        execute(pg, "CREATE TABLE conv_items (id int PRIMARY KEY, val int NOT NULL, who varchar(10) NOT NULL, "
                + "updated_at timestamp(6) NOT NULL)", "ALTER TABLE conv_items REPLICA IDENTITY FULL");
        fixture = new SyncFixture(stack, "conv", 5603, List.of("conv_items"), b -> { });
        fixture.start();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void bothSidesConvergeUnderConcurrentWritesOnDisjointAndSharedKeys() throws Exception {
        AtomicInteger writesA = new AtomicInteger();
        AtomicInteger writesB = new AtomicInteger();
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> write(maria,
                "INSERT INTO conv_items VALUES (?, ?, 'mariadb', utc_timestamp(6)) ON DUPLICATE KEY UPDATE "
                        + "val = VALUES(val), who = VALUES(who), updated_at = VALUES(updated_at)", 1, writesA));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> write(pg,
                "INSERT INTO conv_items VALUES (?, ?, 'postgres', clock_timestamp() AT TIME ZONE 'UTC') "
                        + "ON CONFLICT (id) DO UPDATE SET val = excluded.val, who = excluded.who, "
                        + "updated_at = excluded.updated_at", 101, writesB));
        CompletableFuture.allOf(a, b).join();
        System.out.println("[ConvergenceIT] writes: mariadb " + writesA + ", postgres " + writesB);
        assertTrue(writesA.get() > 100 && writesB.get() > 100, "both sides took writes");
        awaitEqual(maria, pg, "SELECT id, val, who, updated_at FROM conv_items ORDER BY id", Duration.ofSeconds(90));
        List<List<String>> shared = Rows.read(pg, "SELECT who FROM conv_items WHERE id > 200");
        System.out.println("[ConvergenceIT] shared keys won by: " + shared.stream().map(r -> r.get(0)).distinct().toList());
    }

    /** Upserts random rows: its own 100 keys from {@code firstOwnKey}, and the 20 shared keys 201-220. */
    private static void write(DatabaseEndpoint endpoint, String sql, int firstOwnKey, AtomicInteger writes) {
        Random random = new Random(firstOwnKey);
        long end = System.currentTimeMillis() + WRITE_MILLIS;
        try (Connection c = endpoint.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            while (System.currentTimeMillis() < end) {
                int id = random.nextInt(4) == 0 ? 201 + random.nextInt(20) : firstOwnKey + random.nextInt(100);
                ps.setInt(1, id);
                ps.setInt(2, random.nextInt(1_000_000));
                ps.executeUpdate();
                writes.incrementAndGet();
                Thread.sleep(2);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
