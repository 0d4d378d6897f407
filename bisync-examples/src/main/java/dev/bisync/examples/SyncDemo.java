package dev.bisync.examples;

import dev.bisync.api.DatabaseConfig;
import dev.bisync.api.SideConfig;
import dev.bisync.api.SyncConfig;
import dev.bisync.core.BiSync;
import dev.bisync.core.CaptureSettings;
import dev.bisync.core.CaptureSetup;
import dev.bisync.core.ConnectRestClient;
import dev.bisync.core.LaneStatus;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * The README's demo: starts the embedded stack, creates an {@code orders} table on MariaDB and on PostgreSQL,
 * registers the Debezium connectors bisync generates, starts both lanes, and then, every two seconds, writes an
 * order on one side and shows it arriving on the other, alternating directions. Ctrl-C stops it, or
 * {@code --seconds N}.
 */
public final class SyncDemo {

    private static final List<String> TABLES = List.of("orders");

    private SyncDemo() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length == 2 && "--seconds".equals(args[0]) ? Long.parseLong(args[1]) : Long.MAX_VALUE;
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            createOrders(stack);
            SyncConfig config = SyncConfig.builder()
                    .name("demo")
                    .kafkaBootstrapServers(stack.kafkaBootstrapServers())
                    .sideA(new SideConfig("mariadb", database(stack.mariadbServer().bisyncUser()),
                            EmbeddedStack.DATABASE, "mariadb", TABLES))
                    .sideB(new SideConfig("postgres", database(stack.postgresServer().bisyncUser()), "public",
                            "pg", TABLES))
                    .build();
            registerConnectors(stack, config);
            try (BiSync sync = BiSync.builder(config).start()) {
                sync.awaitUp(Duration.ofSeconds(60));
                printEndpoints(stack);
                run(stack, sync, seconds);
            }
        }
    }

    private static void createOrders(EmbeddedStack stack) throws SQLException {
        try (Connection c = stack.mariadb().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(20) NOT NULL, "
                    + "total decimal(12,2) NOT NULL, updated_at datetime(6) NOT NULL)");
        }
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL, total numeric(12,2) NOT NULL, "
                    + "updated_at timestamp(6) NOT NULL)");
            s.execute("ALTER TABLE orders REPLICA IDENTITY FULL");
        }
    }

    private static void registerConnectors(EmbeddedStack stack, SyncConfig config) {
        CaptureSetup setup = new CaptureSetup(config);
        ConnectRestClient connect = new ConnectRestClient(stack.connectWorker().url());
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        connect.put("demo-mariadb", setup.connectorConfig("mariadb", new CaptureSettings("demo-mariadb",
                maria.host(), maria.port(), maria.database(), maria.user(), maria.password(), 5400, "initial")));
        connect.put("demo-postgres", setup.connectorConfig("postgres", new CaptureSettings("demo-postgres",
                pg.host(), pg.port(), pg.database(), pg.user(), pg.password(), 0, "initial")));
        connect.awaitRunning("demo-mariadb", Duration.ofSeconds(60));
        connect.awaitRunning("demo-postgres", Duration.ofSeconds(60));
    }

    private static DatabaseConfig database(DatabaseEndpoint endpoint) {
        return DatabaseConfig.of(endpoint.jdbcUrl(), endpoint.user(), endpoint.password());
    }

    private static void printEndpoints(EmbeddedStack stack) {
        System.out.println();
        System.out.println("bisync demo: MariaDB <-> PostgreSQL, both lanes running");
        System.out.println("  MariaDB      " + stack.mariadb() + "  password " + stack.mariadb().password());
        System.out.println("  PostgreSQL   " + stack.postgres() + "  password " + stack.postgres().password());
        System.out.println("  Kafka        " + stack.kafkaBootstrapServers());
        System.out.println("  Connect REST " + stack.connectWorker().url() + "/connectors");
        System.out.println("Every 2 s an order is written on one side and read back on the other:");
        System.out.println();
    }

    private static void run(EmbeddedStack stack, BiSync sync, long seconds) throws Exception {
        long end = seconds == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + seconds * 1000;
        String[] statuses = {"pending", "paid", "shipped", "delivered"};
        for (int tick = 0; System.currentTimeMillis() < end; tick++) {
            boolean fromMaria = tick % 2 == 0;
            long id = tick / 4 + 1;
            String status = statuses[tick % 4];
            DatabaseEndpoint source = fromMaria ? stack.mariadb() : stack.postgres();
            DatabaseEndpoint target = fromMaria ? stack.postgres() : stack.mariadb();
            long t0 = System.nanoTime();
            write(source, fromMaria, id, status, tick);
            String seen = awaitStatus(target, id, status, Duration.ofSeconds(10));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("%-10s -> %-10s order %d '%s' %s in %d ms   lanes %s%n",
                    fromMaria ? "MariaDB" : "PostgreSQL", fromMaria ? "PostgreSQL" : "MariaDB", id, status,
                    seen != null ? "arrived" : "NOT arrived", ms, lanes(sync));
            Thread.sleep(Math.max(0, 2000 - ms));
        }
    }

    private static void write(DatabaseEndpoint db, boolean mariadb, long id, String status, int tick)
            throws SQLException {
        String sql = mariadb
                ? "INSERT INTO orders VALUES (?, ?, ?, utc_timestamp(6)) ON DUPLICATE KEY UPDATE "
                        + "status = VALUES(status), total = VALUES(total), updated_at = VALUES(updated_at)"
                : "INSERT INTO orders VALUES (?, ?, ?, clock_timestamp() AT TIME ZONE 'UTC') ON CONFLICT (id) DO "
                        + "UPDATE SET status = excluded.status, total = excluded.total, updated_at = excluded.updated_at";
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.setString(2, status);
            ps.setBigDecimal(3, java.math.BigDecimal.valueOf(1000 + tick, 2));
            ps.executeUpdate();
        }
    }

    private static String awaitStatus(DatabaseEndpoint db, long id, String status, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT status FROM orders WHERE id = ?")) {
            ps.setLong(1, id);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && status.equals(rs.getString(1))) {
                        return status;
                    }
                }
                Thread.sleep(5);
            }
        }
        return null;
    }

    private static String lanes(BiSync sync) {
        StringBuilder sb = new StringBuilder();
        for (LaneStatus s : sync.status()) {
            sb.append(s.lane()).append('=').append(s.status()).append(" (").append(s.applied()).append(" applied) ");
        }
        return sb.toString().trim();
    }
}
