package dev.bisync.examples;

import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.BiSync;
import dev.bisync.core.CaptureSettings;
import dev.bisync.core.CaptureSetup;
import dev.bisync.core.connect.ConnectRestClient;
import dev.bisync.core.SyncConfigFile;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;

/**
 * The README's demo, the order-status application. By default it starts the embedded stack, creates {@code orders}
 * and {@code order_notes} on MariaDB and on PostgreSQL, registers the Debezium connectors bisync generates, and
 * writes the sync's configuration file ({@code target/demo/bisync.properties}); with {@code --config FILE} it uses
 * your own databases, Kafka and Connect as that file describes (see {@link SyncConfigFile}) and starts nothing else.
 * Then it runs both lanes: {@code orders} under the {@link OrderStatusRule} (status only moves forward; last write
 * wins for the rest), {@code order_notes} under the manual strategy, and serves {@code /metrics} (Prometheus),
 * {@code /health} (JSON, 503 when DOWN) and {@code /}, a status page ({@link StatusServer}) on {@code --port}
 * (default 8080). With {@code --load N} (default 5 on the embedded stack, 0 with {@code --config}) both sides'
 * "applications" move random orders' status forward at the same time, N moves per second per side, so that the
 * lanes meet real conflicts; a line every two seconds shows both sides' orders by status and the conflicts
 * decided. On the embedded stack one note is changed on both sides before the lanes start, so that a parked
 * conflict waits for the {@code bisync conflicts} command line. Ctrl-C stops it, or {@code --seconds N}.
 */
public final class SyncDemo {

    private static final int ORDERS = 200;
    private static final List<String> OPTIONS = List.of("--seconds", "--load", "--port", "--config");

    private SyncDemo() {
    }

    /** A running sync with its meters and HTTP endpoints. */
    public record Running(BiSync sync, PrometheusMeterRegistry meters, StatusServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            sync.close();
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        long seconds = Long.parseLong(options.getOrDefault("--seconds", String.valueOf(Long.MAX_VALUE)));
        int port = Integer.parseInt(options.getOrDefault("--port", "8080"));
        if (options.containsKey("--config")) {
            Path configFile = Path.of(options.get("--config")).toAbsolutePath();
            SyncConfig config = SyncConfigFile.load(configFile);
            int load = Integer.parseInt(options.getOrDefault("--load", "0"));
            try (Running running = start(config, port)) {
                printEndpoints(null, configFile, running.server().port());
                run(config, running, seconds, load);
            }
            return;
        }
        int load = Integer.parseInt(options.getOrDefault("--load", "5"));
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            Path configFile = prepareEmbedded(stack, Path.of("target", "demo", "bisync.properties"));
            SyncConfig config = SyncConfigFile.load(configFile);
            try (Running running = start(config, port)) {
                printEndpoints(stack, configFile, running.server().port());
                run(config, running, seconds, load);
            }
        }
    }

    /**
     * Prepares the embedded stack for the demo: tables, the configuration file, the connectors, a parked conflict.
     *
     * @return the configuration file's absolute path
     */
    public static Path prepareEmbedded(EmbeddedStack stack, Path configFile) throws Exception {
        createTables(stack);
        Path file = writeConfig(stack, configFile);
        registerConnectors(stack, SyncConfigFile.load(file));
        makeParkedConflict(stack);
        return file;
    }

    /** Starts both lanes with Prometheus meters, and the HTTP endpoints on {@code port} (0: any free port). */
    public static Running start(SyncConfig config, int port) throws Exception {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BiSync sync = BiSync.builder(config).meterRegistry(meters).start();
        try {
            sync.awaitUp(Duration.ofSeconds(60));
            return new Running(sync, meters, new StatusServer(sync, meters, port));
        } catch (Exception | Error e) {
            sync.close();
            throw e;
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad option " + args[i] + ": use --config FILE, --seconds N, "
                        + "--load N (moves per second per side), --port N");
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
                "connect.url=" + stack.connectWorker().url(),
                "side.a.connector=demo-mariadb",
                "side.b.connector=demo-postgres",
                "alert.lag-records=1000",
                "alert.lag-for-seconds=30",
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

    private static void printEndpoints(EmbeddedStack stack, Path configFile, int port) {
        System.out.println();
        System.out.println("bisync demo: the order-status application, both lanes running");
        if (stack != null) {
            System.out.println("  MariaDB      " + stack.mariadb() + "  password " + stack.mariadb().password());
            System.out.println("  PostgreSQL   " + stack.postgres() + "  password " + stack.postgres().password());
            System.out.println("  Kafka        " + stack.kafkaBootstrapServers());
            System.out.println("  Connect REST " + stack.connectWorker().url() + "/connectors");
        }
        System.out.println("  config       " + configFile);
        System.out.println("  status page  http://localhost:" + port + "/   (also /metrics, /health)");
        if (stack != null) {
            System.out.println("A note was changed on both sides at once and waits as a parked conflict; in another "
                    + "terminal:");
            System.out.println("  ./bisync --config " + configFile + " conflicts list");
            System.out.println("  ./bisync --config " + configFile + " conflicts show <ID>");
            System.out.println("  ./bisync --config " + configFile + " conflicts resolve <ID> --take source");
        }
        System.out.println();
    }

    /** The traffic and the progress lines, for {@code seconds}; with {@code load} 0 only the progress lines. */
    public static void run(SyncConfig config, Running running, long seconds, int load) throws Exception {
        long end = seconds == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + seconds * 1000;
        Random random = new Random(42);
        try (Connection a = connect(config.sideA()); Connection b = connect(config.sideB())) {
            int next = 1;
            if (load > 0) {
                insertOrders(a, next, ORDERS);
                next += ORDERS;
            }
            for (int tick = 0; System.currentTimeMillis() < end; tick++) {
                long t0 = System.currentTimeMillis();
                for (int i = 0; i < load; i++) {
                    moveForward(a, 1 + random.nextInt(next - 1));
                    moveForward(b, 1 + random.nextInt(next - 1));
                }
                if (tick % 2 == 1) {
                    Map<String, Integer> sa = byStatus(a);
                    Map<String, Integer> sb = byStatus(b);
                    System.out.printf("orders %s %s | %s %s | %s | conflicts %s | health %s%n",
                            config.sideA().name(), sa, config.sideB().name(), sb,
                            sa.equals(sb) ? "same counts" : "catching up", conflicts(running.meters()),
                            running.sync().health().status());
                }
                if (load > 0 && tick % 10 == 9) {
                    insertOrders(a, next, 20); // new orders keep arriving
                    next += 20;
                }
                Thread.sleep(Math.max(0, 1000 - (System.currentTimeMillis() - t0)));
            }
        }
    }

    private static Connection connect(SideConfig side) throws SQLException {
        Properties p = new Properties();
        p.putAll(side.database().properties());
        p.setProperty("user", side.database().user());
        p.setProperty("password", side.database().password());
        return DriverManager.getConnection(side.database().jdbcUrl(), p);
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
    private static void moveForward(Connection c, long id) throws SQLException {
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

    private static String conflicts(MeterRegistry meters) {
        Map<String, Double> byDecision = new TreeMap<>();
        for (Counter c : meters.find("bisync.conflicts").counters()) {
            byDecision.merge(c.getId().getTag("decision"), c.count(), Double::sum);
        }
        StringBuilder sb = new StringBuilder();
        byDecision.forEach((d, n) -> sb.append(sb.length() == 0 ? "" : " ").append(d).append('=')
                .append(n.longValue()));
        return sb.length() == 0 ? "none" : sb.toString();
    }

}
