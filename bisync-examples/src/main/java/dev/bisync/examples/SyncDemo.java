package dev.bisync.examples;

import dev.bisync.api.SyncConfig;
import dev.bisync.core.BiSync;
import dev.bisync.core.CaptureSettings;
import dev.bisync.core.CaptureSetup;
import dev.bisync.core.ConnectRestClient;
import dev.bisync.core.LaneStatus;
import dev.bisync.core.SyncConfigFile;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The README's demo, the order-status application: starts the embedded stack, creates {@code orders} and
 * {@code order_notes} on MariaDB and on PostgreSQL, registers the Debezium connectors bisync generates, and runs
 * both lanes with the sync's configuration read from a file ({@code target/demo/bisync.properties}):
 * {@code orders} under the {@link OrderStatusRule} (status only moves forward; last write wins for the rest),
 * {@code order_notes} under the manual strategy. Then both sides' "applications" move random orders' status forward
 * at the same time ({@code --load N} moves per second per side, default 5), so that the lanes meet real conflicts,
 * and a line every two seconds shows both sides' orders by status and the conflicts decided. One note is changed on
 * both sides before the lanes start, so that a parked conflict waits for the {@code bisync conflicts} command line.
 * Ctrl-C stops it, or {@code --seconds N}.
 */
public final class SyncDemo {

    private static final int ORDERS = 200;

    private SyncDemo() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        long seconds = Long.parseLong(options.getOrDefault("--seconds", String.valueOf(Long.MAX_VALUE)));
        int load = Integer.parseInt(options.getOrDefault("--load", "5"));
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            createTables(stack);
            Path configFile = writeConfig(stack, Path.of("target", "demo", "bisync.properties"));
            SyncConfig config = SyncConfigFile.load(configFile);
            registerConnectors(stack, config);
            makeParkedConflict(stack);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (BiSync sync = BiSync.builder(config).meterRegistry(meters).start()) {
                sync.awaitUp(Duration.ofSeconds(60));
                printEndpoints(stack, configFile);
                run(stack, sync, meters, seconds, load);
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!List.of("--seconds", "--load").contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + ": use --seconds N, --load N");
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static void createTables(EmbeddedStack stack) throws SQLException {
        try (Connection c = stack.mariadb().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(20) NOT NULL, "
                    + "total decimal(12,2) NOT NULL, updated_at datetime(6) NOT NULL)");
            s.execute("CREATE TABLE order_notes (order_id bigint PRIMARY KEY, note varchar(200) NOT NULL, "
                    + "updated_at datetime(6) NOT NULL)");
            s.execute("INSERT INTO order_notes VALUES (1, 'leave at the door', '2026-01-01 00:00:00')");
        }
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL, total numeric(12,2) NOT NULL, "
                    + "updated_at timestamp(6) NOT NULL)");
            s.execute("CREATE TABLE order_notes (order_id bigint PRIMARY KEY, note varchar(200) NOT NULL, "
                    + "updated_at timestamp(6) NOT NULL)");
            s.execute("ALTER TABLE orders REPLICA IDENTITY FULL");
            s.execute("ALTER TABLE order_notes REPLICA IDENTITY FULL");
            s.execute("INSERT INTO order_notes VALUES (1, 'leave at the door', '2026-01-01 00:00:00')");
        }
    }

    /** The sync's configuration as a file, for the demo and for the {@code bisync} command line. */
    private static Path writeConfig(EmbeddedStack stack, Path file) throws Exception {
        DatabaseEndpoint maria = stack.mariadbServer().bisyncUser();
        DatabaseEndpoint pg = stack.postgresServer().bisyncUser();
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n",
                "# written by the bisync demo for its embedded stack (throwaway passwords); see SyncConfigFile",
                "name=demo",
                "kafka.bootstrap.servers=" + stack.kafkaBootstrapServers(),
                "side.a.name=mariadb",
                "side.a.jdbc-url=" + maria.jdbcUrl(),
                "side.a.user=" + maria.user(),
                "side.a.password=" + maria.password(),
                "side.a.namespace=" + EmbeddedStack.DATABASE,
                "side.a.topic-prefix=mariadb",
                "side.a.tables=orders,order_notes",
                "side.b.name=postgres",
                "side.b.jdbc-url=" + pg.jdbcUrl(),
                "side.b.user=" + pg.user(),
                "side.b.password=" + pg.password(),
                "side.b.namespace=public",
                "side.b.topic-prefix=pg",
                "side.b.tables=orders,order_notes",
                "priority-side=mariadb",
                "conflict.strategy.orders=order-status",
                "conflict.strategy.order_notes=manual",
                ""));
        return file.toAbsolutePath();
    }

    private static void registerConnectors(EmbeddedStack stack, SyncConfig config) {
        CaptureSetup setup = new CaptureSetup(config);
        ConnectRestClient connect = new ConnectRestClient(stack.connectWorker().url());
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        connect.put("demo-mariadb", setup.connectorConfig("mariadb", new CaptureSettings("demo-mariadb",
                maria.host(), maria.port(), maria.database(), maria.user(), maria.password(), 5400, "no_data")));
        connect.put("demo-postgres", setup.connectorConfig("postgres", new CaptureSettings("demo-postgres",
                pg.host(), pg.port(), pg.database(), pg.user(), pg.password(), 0, "no_data")));
        connect.awaitRunning("demo-mariadb", Duration.ofSeconds(60));
        connect.awaitRunning("demo-postgres", Duration.ofSeconds(60));
        stack.awaitStreaming("mariadb", Duration.ofSeconds(60));
        stack.awaitStreaming("pg", Duration.ofSeconds(60));
    }

    /** Both sides change the same note before the lanes start: each lane parks the other side's change. */
    private static void makeParkedConflict(EmbeddedStack stack) throws SQLException {
        try (Connection c = stack.mariadb().connect(); Statement s = c.createStatement()) {
            s.execute("UPDATE order_notes SET note = 'ring twice', updated_at = '2026-01-01 10:00:00' "
                    + "WHERE order_id = 1");
        }
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement()) {
            s.execute("UPDATE order_notes SET note = 'call before delivery', updated_at = '2026-01-01 10:00:01' "
                    + "WHERE order_id = 1");
        }
    }

    private static void printEndpoints(EmbeddedStack stack, Path configFile) {
        System.out.println();
        System.out.println("bisync demo: the order-status application, MariaDB <-> PostgreSQL, both lanes running");
        System.out.println("  MariaDB      " + stack.mariadb() + "  password " + stack.mariadb().password());
        System.out.println("  PostgreSQL   " + stack.postgres() + "  password " + stack.postgres().password());
        System.out.println("  Kafka        " + stack.kafkaBootstrapServers());
        System.out.println("  Connect REST " + stack.connectWorker().url() + "/connectors");
        System.out.println("  config       " + configFile);
        System.out.println("A note was changed on both sides at once and waits as a parked conflict; in another "
                + "terminal:");
        System.out.println("  ./bisync --config " + configFile + " conflicts list");
        System.out.println("  ./bisync --config " + configFile + " conflicts show <ID>");
        System.out.println("  ./bisync --config " + configFile + " conflicts resolve <ID> --take source");
        System.out.println();
    }

    private static void run(EmbeddedStack stack, BiSync sync, SimpleMeterRegistry meters, long seconds, int load)
            throws Exception {
        long end = seconds == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + seconds * 1000;
        Random random = new Random(42);
        try (Connection maria = stack.mariadb().connect(); Connection pg = stack.postgres().connect()) {
            insertOrders(maria, 1, ORDERS);
            int next = ORDERS + 1;
            for (int tick = 0; System.currentTimeMillis() < end; tick++) {
                long t0 = System.currentTimeMillis();
                for (int i = 0; i < load; i++) {
                    moveForward(maria, 1 + random.nextInt(next - 1), "mariadb");
                    moveForward(pg, 1 + random.nextInt(next - 1), "postgres");
                }
                if (tick % 2 == 1) {
                    Map<String, Integer> a = byStatus(maria);
                    Map<String, Integer> b = byStatus(pg);
                    System.out.printf("orders mariadb %s | postgres %s | %s | conflicts %s | lanes %s%n", a, b,
                            a.equals(b) ? "same counts" : "catching up", conflicts(meters), lanes(sync));
                }
                if (tick % 10 == 9) {
                    insertOrders(maria, next, 20); // new orders keep arriving
                    next += 20;
                }
                Thread.sleep(Math.max(0, 1000 - (System.currentTimeMillis() - t0)));
            }
        }
    }

    private static void insertOrders(Connection maria, int from, int count) throws SQLException {
        try (PreparedStatement ps = maria.prepareStatement("INSERT INTO orders VALUES (?, 'pending', ?, ?)")) {
            for (int id = from; id < from + count; id++) {
                ps.setLong(1, id);
                ps.setBigDecimal(2, java.math.BigDecimal.valueOf(1000 + id, 2));
                ps.setObject(3, now());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** What each side's application does: moves an order one status forward (if it is not delivered). */
    private static void moveForward(Connection c, long id, String side) throws SQLException {
        String status;
        try (PreparedStatement read = c.prepareStatement("SELECT status FROM orders WHERE id = ?")) {
            read.setLong(1, id);
            try (ResultSet rs = read.executeQuery()) {
                if (!rs.next()) {
                    return; // not arrived on this side yet
                }
                status = rs.getString(1);
            }
        }
        int rank = OrderStatusRule.STATUSES.indexOf(status);
        if (rank < 0 || rank == OrderStatusRule.STATUSES.size() - 1) {
            return;
        }
        try (PreparedStatement move = c.prepareStatement(
                "UPDATE orders SET status = ?, updated_at = ? WHERE id = ? AND status = ?")) {
            move.setString(1, OrderStatusRule.STATUSES.get(rank + 1));
            move.setObject(2, now());
            move.setLong(3, id);
            move.setString(4, status);
            move.executeUpdate();
        }
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static Map<String, Integer> byStatus(Connection c) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status, count(*) FROM orders GROUP BY status")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }

    private static String conflicts(SimpleMeterRegistry meters) {
        Map<String, Double> byDecision = new TreeMap<>();
        for (Counter c : meters.find("bisync.conflicts").counters()) {
            byDecision.merge(c.getId().getTag("decision"), c.count(), Double::sum);
        }
        StringBuilder sb = new StringBuilder();
        byDecision.forEach((d, n) -> sb.append(sb.length() == 0 ? "" : " ").append(d).append('=')
                .append(n.longValue()));
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private static String lanes(BiSync sync) {
        StringBuilder sb = new StringBuilder();
        for (LaneStatus s : sync.status()) {
            sb.append(s.lane()).append('=').append(s.status()).append(' ');
        }
        return sb.toString().trim();
    }
}
