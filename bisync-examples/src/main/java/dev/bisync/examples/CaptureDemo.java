package dev.bisync.examples;

import dev.bisync.testkit.DebeziumConnectors;
import dev.bisync.testkit.EmbeddedStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Starts the embedded stack, creates an {@code orders} table on both databases, registers a Debezium connector
 * for each, writes one order change per second on each side, and prints the change events as they arrive.
 * Stop it with Ctrl-C, or give {@code --seconds N}.
 */
public final class CaptureDemo {

    private CaptureDemo() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length == 2 && "--seconds".equals(args[0]) ? Long.parseLong(args[1]) : Long.MAX_VALUE;
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            createOrders(stack);
            stack.connect().put("demo-pg", DebeziumConnectors.postgres(stack, "demo-pg", "pg", List.of("orders")));
            stack.connect().put("demo-mariadb", DebeziumConnectors.mariadb(stack, "mariadb", 5400,
                    List.of("orders")));
            stack.connect().awaitRunning("demo-pg", Duration.ofSeconds(60));
            stack.connect().awaitRunning("demo-mariadb", Duration.ofSeconds(60));
            printEndpoints(stack);
            run(stack, seconds);
        }
    }

    private static void createOrders(EmbeddedStack stack) throws SQLException {
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL, "
                    + "total numeric(12,2) NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())");
            s.execute("ALTER TABLE orders REPLICA IDENTITY FULL");
        }
        try (Connection c = stack.mariadb().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(20) NOT NULL, "
                    + "total decimal(12,2) NOT NULL, updated_at timestamp(6) NOT NULL DEFAULT current_timestamp(6))");
        }
    }

    private static void printEndpoints(EmbeddedStack stack) {
        System.out.println();
        System.out.println("bisync capture demo: the embedded stack is up");
        System.out.println("  PostgreSQL   " + stack.postgres() + "  password " + stack.postgres().password());
        System.out.println("  MariaDB      " + stack.mariadb() + "  password " + stack.mariadb().password());
        System.out.println("  Kafka        " + stack.kafkaBootstrapServers());
        System.out.println("  Connect REST " + stack.connectWorker().url() + "/connectors");
        System.out.println("  topics       pg.public.orders, mariadb.app.orders");
        System.out.println("Writing one order change per second on each side; change events counted below.");
        System.out.println();
    }

    private static void run(EmbeddedStack stack, long seconds) throws Exception {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "capture-demo",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // topics appear when the first change is captured: look for new ones every second
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        Map<String, Integer> counts = new TreeMap<>();
        long end = seconds == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + seconds * 1_000_000_000L;
        long nextWrite = 0;
        long nextReport = System.nanoTime() + 5_000_000_000L;
        int tick = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
             Connection pg = stack.postgres().connect(); Connection maria = stack.mariadb().connect()) {
            consumer.subscribe(Pattern.compile("(pg|mariadb)\\..*\\.orders"));
            while (System.nanoTime() < end) {
                if (System.nanoTime() >= nextWrite) {
                    tick++;
                    write(pg, tick, "INSERT INTO orders (id, status, total) VALUES (?, 'pending', ?) "
                            + "ON CONFLICT (id) DO UPDATE SET status = 'paid', total = excluded.total, updated_at = now()");
                    write(maria, tick, "INSERT INTO orders (id, status, total) VALUES (?, 'pending', ?) "
                            + "ON DUPLICATE KEY UPDATE status = 'paid', total = VALUES(total)");
                    nextWrite = System.nanoTime() + 1_000_000_000L;
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    counts.merge(r.topic(), 1, Integer::sum);
                }
                if (System.nanoTime() >= nextReport) {
                    System.out.println("change events so far: " + counts);
                    nextReport = System.nanoTime() + 5_000_000_000L;
                }
            }
        }
        System.out.println("change events in all: " + counts);
    }

    private static void write(Connection c, int tick, String sql) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            ps.setLong(1, tick % 5);
            ps.setBigDecimal(2, java.math.BigDecimal.valueOf(tick * 100 + 99, 2));
            ps.executeUpdate();
        }
    }
}
