package dev.bisync.core.it;

import dev.bisync.spi.ConflictStrategy;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.bisync.core.it.Rows.awaitEqual;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order-status rule under load: both sides move random orders' status forward (pending &lt; paid &lt; shipped
 * &lt; delivered) at the same time, 500 updates each, while both lanes run; the rule is
 * {@code ranked(status).orElse(lastWriteWins(updated_at))}. A trigger on each side records every update that moves
 * a status backwards — by the application or by bisync. None may happen, and both sides must converge.
 */
@ExtendWith(EmbeddedStackExtension.class)
class OrderStatusIT {

    private static final List<String> STATUSES = List.of("pending", "paid", "shipped", "delivered");
    private static final int ORDERS = 1000;
    private static final int UPDATES_PER_SIDE = 500;

    @Test
    void statusNeverMovesBackwardsAndBothSidesConverge(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        execute(maria,
                "CREATE TABLE os_orders (id int PRIMARY KEY, status varchar(20) NOT NULL, note varchar(40) NOT NULL, "
                        + "updated_at datetime(6) NOT NULL)",
                "CREATE TABLE os_backwards (n bigint AUTO_INCREMENT PRIMARY KEY, id int, was varchar(20), "
                        + "now_is varchar(20))",
                "CREATE TRIGGER os_backwards_check AFTER UPDATE ON os_orders FOR EACH ROW BEGIN "
                        + "IF FIELD(NEW.status, 'pending', 'paid', 'shipped', 'delivered') "
                        + "< FIELD(OLD.status, 'pending', 'paid', 'shipped', 'delivered') THEN "
                        + "INSERT INTO os_backwards (id, was, now_is) VALUES (NEW.id, OLD.status, NEW.status); "
                        + "END IF; END");
        execute(pg,
                "CREATE TABLE os_orders (id int PRIMARY KEY, status varchar(20) NOT NULL, note varchar(40) NOT NULL, "
                        + "updated_at timestamp(6) NOT NULL)",
                "ALTER TABLE os_orders REPLICA IDENTITY FULL",
                "CREATE TABLE os_backwards (n bigserial PRIMARY KEY, id int, was varchar(20), now_is varchar(20))",
                "CREATE FUNCTION os_backwards_check() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "IF array_position(ARRAY['pending','paid','shipped','delivered'], NEW.status::text) "
                        + "< array_position(ARRAY['pending','paid','shipped','delivered'], OLD.status::text) THEN "
                        + "INSERT INTO os_backwards (id, was, now_is) VALUES (NEW.id, OLD.status, NEW.status); "
                        + "END IF; RETURN NULL; END $$",
                "CREATE TRIGGER os_backwards_check AFTER UPDATE ON os_orders FOR EACH ROW "
                        + "EXECUTE FUNCTION os_backwards_check()");
        try (SyncFixture fixture = new SyncFixture(stack, "orderstatus", 5612, List.of("os_orders"),
                b -> b.conflictStrategy("os_orders", ConflictStrategy.ranked("status", STATUSES)
                        .orElse(ConflictStrategy.lastWriteWins("updated_at"))))) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            fixture.start(registry);
            try (Connection c = maria.connect(); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO os_orders VALUES (?, 'pending', 'new', '2026-01-01 00:00:00')")) {
                for (int id = 1; id <= ORDERS; id++) {
                    ps.setInt(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            String all = "SELECT id, status, note, updated_at FROM os_orders ORDER BY id";
            awaitEqual(maria, pg, all, Duration.ofSeconds(60));

            ExecutorService apps = Executors.newFixedThreadPool(2);
            Future<Integer> onMaria = apps.submit(() -> moveForward(maria, "maria", 1));
            Future<Integer> onPg = apps.submit(() -> moveForward(pg, "pg", 2));
            int moves = onMaria.get() + onPg.get();
            apps.shutdown();
            assertEquals(2 * UPDATES_PER_SIDE, moves);

            awaitEqual(maria, pg, all, Duration.ofSeconds(90));
            double conflicts = registry.find("bisync.conflicts").counters().stream().mapToDouble(Counter::count).sum();
            List<List<String>> backwardsA = Rows.read(maria, "SELECT id, was, now_is FROM os_backwards");
            List<List<String>> backwardsB = Rows.read(pg, "SELECT id, was, now_is FROM os_backwards");
            System.out.printf("order-status: %d status moves on both sides, %.0f conflicts decided, backwards moves: "
                    + "%d on mariadb, %d on postgres%n", moves, conflicts, backwardsA.size(), backwardsB.size());
            assertEquals(List.of(), backwardsA, "status moved backwards on MariaDB");
            assertEquals(List.of(), backwardsB, "status moved backwards on PostgreSQL");
            assertTrue(conflicts > 0, "the load made no conflict at all, so it tested nothing");
        }
    }

    /**
     * Moves the status of random orders one step forward, as the application on one side would (an order both sides
     * move at once may be moved by the other side first: the update then matches no row and is tried elsewhere).
     */
    private static int moveForward(DatabaseEndpoint side, String who, long seed) throws Exception {
        Random random = new Random(seed);
        int done = 0;
        try (Connection c = side.connect();
             PreparedStatement read = c.prepareStatement("SELECT status FROM os_orders WHERE id = ?");
             PreparedStatement move = c.prepareStatement(
                     "UPDATE os_orders SET status = ?, note = ?, updated_at = ? WHERE id = ? AND status = ?")) {
            for (int attempt = 0; done < UPDATES_PER_SIDE && attempt < 20 * UPDATES_PER_SIDE; attempt++) {
                int id = 1 + random.nextInt(ORDERS);
                read.setInt(1, id);
                String status;
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    status = rs.getString(1);
                }
                int rank = STATUSES.indexOf(status);
                if (rank == STATUSES.size() - 1) {
                    continue;
                }
                move.setString(1, STATUSES.get(rank + 1));
                move.setString(2, who + " " + done);
                move.setObject(3, LocalDateTime.now().truncatedTo(ChronoUnit.MICROS));
                move.setInt(4, id);
                move.setString(5, status);
                done += move.executeUpdate();
            }
        }
        return done;
    }
}
