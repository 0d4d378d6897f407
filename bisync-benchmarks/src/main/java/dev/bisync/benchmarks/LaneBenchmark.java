package dev.bisync.benchmarks;

import dev.bisync.api.DatabaseConfig;
import dev.bisync.api.SideConfig;
import dev.bisync.api.SyncConfig;
import dev.bisync.core.CaptureSettings;
import dev.bisync.core.CaptureSetup;
import dev.bisync.core.ConnectRestClient;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lane benchmark of issue 4, on the embedded stack:
 * <ol>
 *   <li>throughput: 200,000 MariaDB changes to a 6-column {@code orders} table (150,000 inserts in 100-row
 *   transactions, then 50,000 updates), all captured in Kafka first, then applied by the MariaDB-to-PostgreSQL
 *   lane running in its own JVM with {@code -Xmx256m}; events/s from the lane's start to the stored offset
 *   reaching the topic's end, and the lane JVM's peak heap;</li>
 *   <li>latency: 500 single-row commits/s on MariaDB for 60 s with the lane running; source commit to
 *   row visible on PostgreSQL (polled every 2 ms), p50/p95/p99.</li>
 * </ol>
 * Arguments: {@code [changes] [latencySeconds] [warmUpChanges]} (defaults 200000 60 0). With
 * {@code warmUpChanges > 0}, a second table {@code bench_warmup} takes that many changes (same mix) before the
 * measured load, and the lane JVM first applies them with a sync of its own, so the throughput is measured with
 * the JIT compiler's work done, as in a lane that has been running for a while; the figure without warm-up is the
 * cold start. The lane JVM's CPU time per event is printed too (less sensitive to other load on the machine than
 * the rate).
 */
public final class LaneBenchmark {

    private static final String TABLE = "bench_orders";
    private static final String TOPIC = "bench.app.bench_orders";
    private static final String WARM_UP_TABLE = "bench_warmup";
    private static final String WARM_UP_TOPIC = "bench.app.bench_warmup";

    private LaneBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int latencySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        int inserts = changes * 3 / 4;
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            createTables(stack, TABLE);
            if (warmUp > 0) {
                createTables(stack, WARM_UP_TABLE);
            }
            registerConnector(stack, warmUp > 0);
            long t0 = System.nanoTime();
            if (warmUp > 0) {
                load(stack.mariadb(), WARM_UP_TABLE, warmUp * 3 / 4, warmUp - warmUp * 3 / 4);
                awaitTopic(stack, WARM_UP_TOPIC, warmUp);
            }
            load(stack.mariadb(), TABLE, inserts, changes - inserts);
            long produced = awaitTopic(stack, TOPIC, changes);
            System.out.printf("captured %,d changes into %s in %.1f s%n", produced, TOPIC,
                    (System.nanoTime() - t0) / 1e9);

            Process lane = startLane(stack, warmUp);
            LaneOutput output = new LaneOutput(lane);
            long start = output.awaitStarted();
            long cpuAtStart = output.cpuMillis();
            long end = awaitApplied(stack.postgres(), produced);
            long cpu = output.cpuMillis() - cpuAtStart;
            double seconds = (end - start) / 1e9;
            Thread.sleep(600); // one more heap report
            System.out.printf("THROUGHPUT %,d events in %.2f s = %,.0f events/s, %s JVM (lane JVM -Xmx256m: most heap "
                    + "in use %d MB, GC %d ms in all; CPU %.1f s = %.0f us per event)%n", produced, seconds,
                    produced / seconds, warmUp > 0 ? "warm (after " + warmUp + " changes)" : "cold",
                    output.peakHeapMb(), output.gcMillis(), cpu / 1e3, cpu * 1e3 / produced);
            System.out.println("LANE " + output.stats());
            if (latencySeconds > 0) {
                latency(stack, latencySeconds, output);
            }
            lane.destroy();
            lane.waitFor();
        }
    }

    private static void createTables(EmbeddedStack stack, String table) throws Exception {
        String columns = "(id bigint PRIMARY KEY, customer_id bigint NOT NULL, status varchar(20) NOT NULL, "
                + "total decimal(12,2) NOT NULL, note varchar(100), updated_at %s NOT NULL)";
        try (Connection c = stack.mariadb().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " " + columns.formatted("datetime(6)"));
        }
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " " + columns.formatted("timestamp(6)"));
            s.execute("ALTER TABLE " + table + " REPLICA IDENTITY FULL");
        }
    }

    private static SyncConfig config(EmbeddedStack stack, List<String> tables) {
        return SyncConfig.builder().name("bench").kafkaBootstrapServers(stack.kafkaBootstrapServers())
                .sideA(new SideConfig("mariadb", db(stack.mariadbServer().bisyncUser()), "app", "bench", tables))
                .sideB(new SideConfig("postgres", db(stack.postgresServer().bisyncUser()), "public", "benchpg",
                        tables))
                .build();
    }

    private static DatabaseConfig db(DatabaseEndpoint e) {
        return DatabaseConfig.of(e.jdbcUrl(), e.user(), e.password());
    }

    private static void registerConnector(EmbeddedStack stack, boolean warmUp) {
        DatabaseEndpoint m = stack.mariadb();
        List<String> tables = warmUp ? List.of(TABLE, WARM_UP_TABLE) : List.of(TABLE);
        Map<String, String> config = new CaptureSetup(config(stack, tables)).connectorConfig("mariadb",
                new CaptureSettings("bench-mariadb", m.host(), m.port(), m.database(), m.user(), m.password(), 5900,
                        "no_data"));
        ConnectRestClient connect = new ConnectRestClient(stack.connectWorker().url());
        connect.put("bench-mariadb", config);
        connect.awaitRunning("bench-mariadb", Duration.ofSeconds(60));
        stack.awaitStreaming("bench", Duration.ofSeconds(60));
    }

    /** Inserts in 100-row transactions (one multi-row INSERT each), then updates in 100-row transactions. */
    private static void load(DatabaseEndpoint maria, String table, int inserts, int updates) throws Exception {
        try (Connection c = maria.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int from = 1; from <= inserts; from += 100) {
                StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
                for (int id = from; id < from + 100 && id <= inserts; id++) {
                    sql.append(id == from ? "" : ",").append('(').append(id).append(',').append(id % 997)
                            .append(",'pending',").append(id % 10_000).append(".25,'order ").append(id)
                            .append("','2026-01-01 00:00:00.000001')");
                }
                s.execute(sql.toString());
                c.commit();
            }
            for (int from = 1; from <= updates; from += 100) {
                s.execute("UPDATE " + table + " SET status = 'paid', updated_at = '2026-01-02 00:00:00' WHERE id >= "
                        + from + " AND id < " + Math.min(from + 100, updates + 1));
                c.commit();
            }
        }
    }

    private static long awaitTopic(EmbeddedStack stack, String topic, long expected) throws InterruptedException {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                stack.kafkaBootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            long end = 0;
            for (int i = 0; i < 1200 && end < expected; i++) {
                end = c.endOffsets(List.of(tp)).getOrDefault(tp, 0L);
                Thread.sleep(100);
            }
            return end;
        }
    }

    private static Process startLane(EmbeddedStack stack, int warmUp) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m"));
        String extra = System.getProperty("bench.laneJvmOptions", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+"))); // e.g. a JFR recording
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LaneProcess.class.getName(),
                "bench_orders"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("BENCH_KAFKA", stack.kafkaBootstrapServers());
        if (warmUp > 0) {
            env.put("BENCH_WARM_UP", WARM_UP_TABLE + ":" + WARM_UP_TOPIC + ":" + warmUp);
        }
        env.put("BENCH_FETCH_WAIT", System.getProperty("bench.fetchWait", ""));
        env.put("BENCH_BATCH", System.getProperty("bench.batch", "")); // empty: the library's default
        env.put("BENCH_FETCH_BYTES", System.getProperty("bench.fetchBytes", "")); // empty: the lane's default
        DatabaseEndpoint a = stack.mariadbServer().bisyncUser();
        DatabaseEndpoint b = stack.postgresServer().bisyncUser();
        env.put("BENCH_A_URL", a.jdbcUrl());
        env.put("BENCH_A_USER", a.user());
        env.put("BENCH_A_PASSWORD", a.password());
        env.put("BENCH_B_URL", b.jdbcUrl());
        env.put("BENCH_B_USER", b.user());
        env.put("BENCH_B_PASSWORD", b.password());
        return pb.start();
    }

    private static long awaitApplied(DatabaseEndpoint pg, long offset) throws Exception {
        try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT next_offset FROM bisync_offsets WHERE lane = 'mariadb-to-postgres' AND topic = ?")) {
            ps.setString(1, TOPIC);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(1) >= offset) {
                        return System.nanoTime();
                    }
                }
                Thread.sleep(10);
            }
        }
    }

    /** 500 single-row commits/s on MariaDB; the time until each row is visible on PostgreSQL. */
    private static void latency(EmbeddedStack stack, int seconds, LaneOutput output) throws Exception {
        Map<Long, Long> committed = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong lastId = new AtomicLong(10_000_000);
        long firstId = lastId.get() + 1;
        Thread poller = new Thread(() -> poll(stack.postgres(), firstId, committed, latencies), "latency-poller");
        poller.setDaemon(true);
        poller.start();
        List<Long> captureLatencies = Collections.synchronizedList(new ArrayList<>());
        Thread captured = new Thread(() -> watchTopic(stack, firstId, committed, captureLatencies), "capture-watch");
        captured.setDaemon(true);
        captured.start();
        try (Connection c = stack.mariadb().connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO bench_orders VALUES (?, 1, 'pending', 1.00, NULL, utc_timestamp(6))")) {
            long interval = 2_000_000; // 500/s
            long next = System.nanoTime();
            long end = next + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                long id = lastId.incrementAndGet();
                ps.setLong(1, id);
                ps.executeUpdate();
                committed.put(id, System.nanoTime());
                next += interval;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
        }
        long expected = lastId.get() - firstId + 1;
        for (int i = 0; i < 500 && latencies.size() < expected; i++) {
            Thread.sleep(20);
        }
        List<Long> capture = new ArrayList<>(captureLatencies);
        Collections.sort(capture);
        System.out.printf("CAPTURE source commit -> change event readable in Kafka: p50 %.1f ms, p95 %.1f ms, "
                + "p99 %.1f ms (%,d events)%n", pct(capture, 50), pct(capture, 95), pct(capture, 99), capture.size());
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("LATENCY %,d single-row commits at 500/s for %d s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, "
                        + "max %.1f ms (seen %,d of %,d); lane most heap in use %d MB%n", expected, seconds,
                pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6,
                sorted.size(), expected, output.peakHeapMb());
        System.out.println("LANE since its start: " + output.stats());
    }

    private static void poll(DatabaseEndpoint pg, long firstId, Map<Long, Long> committed, List<Long> latencies) {
        long next = firstId;
        try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM bench_orders WHERE id >= ? ORDER BY id")) {
            while (true) {
                ps.setLong(1, next);
                try (ResultSet rs = ps.executeQuery()) {
                    long now = System.nanoTime();
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        Long at = committed.get(id);
                        if (at != null) {
                            latencies.add(now - at);
                        }
                        next = Math.max(next, id + 1);
                    }
                }
                Thread.sleep(2);
            }
        } catch (Exception e) {
            System.out.println("latency poller stopped: " + e);
        }
    }

    /** When each latency row's change event can first be read from the topic (Debezium's share of the latency). */
    private static void watchTopic(EmbeddedStack stack, long firstId, Map<Long, Long> committed, List<Long> out) {
        Pattern id = Pattern.compile("\"id\":(\\d+)}}\\s*$");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                stack.kafkaBootstrapServers(), "fetch.max.wait.ms", 5), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            c.assign(List.of(tp));
            c.seekToEnd(List.of(tp));
            while (true) {
                for (var r : c.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    Matcher m = r.key() == null ? null : id.matcher(new String(r.key(), StandardCharsets.UTF_8));
                    if (m != null && m.find()) {
                        Long at = committed.get(Long.parseLong(m.group(1)));
                        if (at != null && Long.parseLong(m.group(1)) >= firstId) {
                            out.add(now - at);
                        }
                    }
                }
            }
        } catch (Exception e) {
            System.out.println("topic watcher stopped: " + e);
        }
    }

    private static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    /** Reads the lane JVM's output: its start, and its peak heap. */
    private static final class LaneOutput {
        private final AtomicLong peakHeap = new AtomicLong();
        private final AtomicLong gcMillis = new AtomicLong();
        private final AtomicLong cpuMillis = new AtomicLong();
        private volatile String stats = "";
        private volatile long startedAt;

        LaneOutput(Process process) {
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("STARTED")) {
                            cpuMillis.set(Long.parseLong(line.substring(7).trim()));
                            startedAt = System.nanoTime();
                        } else if (line.startsWith("STATS ")) {
                            stats = line.substring(6);
                        } else if (line.startsWith("HEAP ")) {
                            String[] parts = line.substring(5).trim().split(" ");
                            peakHeap.set(Long.parseLong(parts[0]));
                            gcMillis.set(Long.parseLong(parts[1]));
                            cpuMillis.set(Long.parseLong(parts[2]));
                        } else {
                            System.out.println("  lane | " + line);
                        }
                    }
                } catch (Exception ignored) {
                    // the process ended
                }
            }, "lane-output");
            reader.setDaemon(true);
            reader.start();
        }

        long awaitStarted() throws InterruptedException {
            for (int i = 0; i < 1200 && startedAt == 0; i++) {
                Thread.sleep(50);
            }
            if (startedAt == 0) {
                throw new IllegalStateException("the lane process did not start");
            }
            return startedAt;
        }

        long peakHeapMb() {
            return peakHeap.get();
        }

        long gcMillis() {
            return gcMillis.get();
        }

        /** The lane's batch timings and GC pauses, from its last report. */
        String stats() {
            return stats;
        }

        /** The lane JVM's CPU time so far (all its threads: lanes, JIT compiler, GC), from its last report. */
        long cpuMillis() {
            return cpuMillis.get();
        }
    }
}
