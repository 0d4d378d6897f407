package dev.bisync.benchmarks;

import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.CaptureSettings;
import dev.bisync.core.CaptureSetup;
import dev.bisync.core.connect.ConnectRestClient;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

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
 *   <li>latency: 500 single-row commits/s on MariaDB with the lane running, {@code latencyWarmUpSeconds}
 *   unmeasured, then {@code latencySeconds} measured; source commit to the row's commit on PostgreSQL (its
 *   transaction's commit timestamp, read afterwards: nothing polls while it is measured), p50/p95/p99; and source
 *   commit to the change event read from Kafka (Debezium's share).</li>
 * </ol>
 * Arguments: {@code [changes] [latencySeconds] [warmUpChanges] [latencyWarmUpSeconds]} (defaults 200000 60 100000
 * 20; {@code warmUpChanges} 0 measures a cold lane JVM).
 * With
 * {@code warmUpChanges > 0}, a second table {@code bench_warmup} takes that many changes (same mix) before the
 * measured load, and the lane JVM first applies them with a sync of its own, so the throughput is measured with
 * the JIT compiler's work done, as in a lane that has been running for a while; the figure without warm-up is the
 * cold start. The lane JVM's CPU time per event is printed too (less sensitive to other load on the machine than
 * the rate). {@code -Dbench.echoMarking=marker-rows} marks the lane's PostgreSQL transactions with marker rows
 * instead of replication origins (the cost of {@code EchoMarking.MARKER_ROWS}).
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
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int latencyWarmUp = args.length > 3 ? Integer.parseInt(args[3]) : 20;
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
            long jitAtStart = output.jitMillis();
            long end = awaitApplied(stack.postgres(), produced);
            long cpu = output.cpuMillis() - cpuAtStart;
            long jit = output.jitMillis() - jitAtStart;
            double seconds = (end - start) / 1e9;
            Thread.sleep(600); // one more heap report
            System.out.printf("THROUGHPUT %,d events in %.2f s = %,.0f events/s, %s JVM (lane JVM -Xmx256m: most heap "
                    + "in use %d MB, GC %d ms in all; CPU %.1f s = %.0f us per event; JIT compiling %.1f s meanwhile)%n",
                    produced, seconds, produced / seconds, warmUp > 0 ? "warm (after " + output.warmUpRounds()
                            + " warm-up rounds of " + warmUp + " changes)" : "cold",
                    output.peakHeapMb(), output.gcMillis(), cpu / 1e3, cpu * 1e3 / produced, jit / 1e3);
            System.out.println("LANE " + output.stats());
            if (latencySeconds > 0) {
                latency(stack, latencyWarmUp, latencySeconds, output);
            }
            lane.destroy();
            lane.waitFor();
        }
    }

    static void createTables(EmbeddedStack stack, String table) throws Exception {
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
        registerConnector(stack, warmUp ? List.of(TABLE, WARM_UP_TABLE) : List.of(TABLE));
    }

    /** Registers the MariaDB connector {@code bench-mariadb} (topic prefix {@code bench}) for these tables. */
    static void registerConnector(EmbeddedStack stack, List<String> tables) {
        DatabaseEndpoint m = stack.mariadb();
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
        return startLane(stack, TABLE, warmUp > 0 ? Map.of("BENCH_WARM_UP", WARM_UP_TABLE + ":" + WARM_UP_TOPIC + ":"
                + warmUp) : Map.of());
    }

    /** Starts a {@link LaneProcess} (sync {@code bench}) over these tables, with more environment. */
    static Process startLane(EmbeddedStack stack, String tables, Map<String, String> moreEnv) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m"));
        String extra = System.getProperty("bench.laneJvmOptions", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+"))); // e.g. a JFR recording
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LaneProcess.class.getName(), tables));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("BENCH_KAFKA", stack.kafkaBootstrapServers());
        env.putAll(moreEnv);
        env.put("BENCH_FETCH_WAIT", System.getProperty("bench.fetchWait", ""));
        env.put("BENCH_BATCH", System.getProperty("bench.batch", "")); // empty: the library's default
        env.put("BENCH_ECHO_MARKING", System.getProperty("bench.echoMarking", "auto")); // or marker-rows
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

    /**
     * 500 single-row commits/s on MariaDB: {@code warmUpSeconds} unmeasured (both JVMs compile the paths of small
     * batches), then {@code seconds} measured. Source commit: when the writer's autocommit INSERT returned. Visible
     * on PostgreSQL: when a listener receives the NOTIFY that a trigger on the row's insert sends (PostgreSQL delivers
     * it when the inserting transaction commits), so that no poller competes with the lane for the two cores.
     */
    private static void latency(EmbeddedStack stack, int warmUpSeconds, int seconds, LaneOutput output)
            throws Exception {
        if (warmUpSeconds > 0) {
            write(stack.mariadb(), 10_000_001, warmUpSeconds);
        }
        long firstId = 20_000_001;
        CommitListener listener = new CommitListener(stack.postgres());
        Map<Long, Long> captured = new ConcurrentHashMap<>();
        Thread watch = new Thread(() -> watchTopic(stack, firstId, captured), "capture-watch");
        watch.setDaemon(true);
        watch.start();
        Thread.sleep(1000); // the watcher is at the topic's end
        long cpuBefore = output.cpuMillis();
        long t0 = System.nanoTime();
        Map<Long, Long> committed = write(stack.mariadb(), firstId, seconds);
        double wrote = (System.nanoTime() - t0) / 1e9;
        Map<Long, Long> visible = listener.await(committed.size());
        long cpu = output.cpuMillis() - cpuBefore;
        List<Long> endToEnd = new ArrayList<>();
        List<Long> capture = new ArrayList<>();
        committed.forEach((id, at) -> {
            Long seen = visible.get(id);
            if (seen != null) {
                endToEnd.add(seen - at);
            }
            Long read = captured.get(id);
            if (read != null) {
                capture.add(read - at);
            }
        });
        Collections.sort(endToEnd);
        Collections.sort(capture);
        System.out.printf("CAPTURE source commit -> change event read from Kafka: p50 %.1f ms, p95 %.1f ms, "
                + "p99 %.1f ms (%,d events)%n", pct(capture, 50), pct(capture, 95), pct(capture, 99), capture.size());
        System.out.printf("LATENCY %,d single-row commits in %.1f s (%.0f/s, after %d s unmeasured): source commit -> "
                        + "committed on PostgreSQL p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%,d of %,d "
                        + "visible); lane CPU %.0f us per event; lane most heap in use %d MB%n", committed.size(),
                wrote, committed.size() / wrote, warmUpSeconds, pct(endToEnd, 50), pct(endToEnd, 95),
                pct(endToEnd, 99), endToEnd.isEmpty() ? Double.NaN : endToEnd.get(endToEnd.size() - 1) / 1e3,
                endToEnd.size(), committed.size(), cpu * 1e3 / Math.max(1, committed.size()), output.peakHeapMb());
        System.out.println("LANE since its start: " + output.stats());
    }

    /** Single-row autocommit INSERTs at 500/s for the given time; each id's commit time in epoch microseconds. */
    private static Map<Long, Long> write(DatabaseEndpoint maria, long firstId, int seconds) throws Exception {
        Map<Long, Long> committed = new ConcurrentHashMap<>();
        try (Connection c = maria.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO bench_orders VALUES (?, 1, 'pending', 1.00, NULL, utc_timestamp(6))")) {
            long interval = 2_000_000; // 500/s
            long next = System.nanoTime();
            long end = next + seconds * 1_000_000_000L;
            for (long id = firstId; System.nanoTime() < end; id++) {
                ps.setLong(1, id);
                ps.executeUpdate();
                committed.put(id, epochMicros());
                next += interval;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
        }
        return committed;
    }

    private static long epochMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** When each latency row commits on PostgreSQL, from the NOTIFY a trigger sends (delivered at commit). */
    private static final class CommitListener {
        private final Map<Long, Long> visible = new ConcurrentHashMap<>();

        CommitListener(DatabaseEndpoint pg) throws Exception {
            Connection c = pg.connect();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE FUNCTION bench_committed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "PERFORM pg_notify('bench_committed', NEW.id::text); RETURN NULL; END $$");
                s.execute("CREATE TRIGGER bench_committed AFTER INSERT ON bench_orders FOR EACH ROW "
                        + "EXECUTE FUNCTION bench_committed()");
                s.execute("LISTEN bench_committed");
            }
            PGConnection notifications = c.unwrap(PGConnection.class);
            Thread thread = new Thread(() -> {
                try {
                    while (true) {
                        PGNotification[] received = notifications.getNotifications(1000);
                        long now = epochMicros();
                        for (PGNotification n : received == null ? new PGNotification[0] : received) {
                            visible.put(Long.parseLong(n.getParameter()), now);
                        }
                    }
                } catch (Exception e) {
                    System.out.println("commit listener stopped: " + e);
                }
            }, "commit-listener");
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits (up to 60 s) for this many rows; each id's commit time in epoch microseconds. */
        Map<Long, Long> await(int rows) throws InterruptedException {
            for (int i = 0; i < 600 && visible.size() < rows; i++) {
                Thread.sleep(100);
            }
            return visible;
        }
    }

    /** When each measured row's change event is read from the topic (Debezium's share), in epoch microseconds. */
    private static void watchTopic(EmbeddedStack stack, long firstId, Map<Long, Long> out) {
        Pattern id = Pattern.compile("\"id\":(\\d+)}}\\s*$");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                stack.kafkaBootstrapServers(), "fetch.max.wait.ms", 100), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            c.assign(List.of(tp));
            c.seekToEnd(List.of(tp));
            c.position(tp);
            while (true) {
                for (var r : c.poll(Duration.ofMillis(100))) {
                    long now = epochMicros();
                    Matcher m = r.key() == null ? null : id.matcher(new String(r.key(), StandardCharsets.UTF_8));
                    if (m != null && m.find() && Long.parseLong(m.group(1)) >= firstId) {
                        out.put(Long.parseLong(m.group(1)), now);
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
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e3;
    }

    /** Reads the lane JVM's output: its start, and its peak heap. */
    private static final class LaneOutput {
        private final AtomicLong peakHeap = new AtomicLong();
        private final AtomicLong gcMillis = new AtomicLong();
        private final AtomicLong cpuMillis = new AtomicLong();
        private final AtomicLong jitMillis = new AtomicLong();
        private final AtomicLong warmUpRounds = new AtomicLong();
        private volatile String stats = "";
        private volatile long startedAt;

        LaneOutput(Process process) {
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("STARTED")) {
                            String[] parts = line.substring(7).trim().split(" ");
                            cpuMillis.set(Long.parseLong(parts[0]));
                            jitMillis.set(Long.parseLong(parts[1]));
                            startedAt = System.nanoTime();
                        } else if (line.startsWith("warm-up round ")) {
                            warmUpRounds.incrementAndGet();
                            System.out.println("  lane | " + line);
                        } else if (line.startsWith("LANE ")) {
                            continue; // the lane's health, for RestartBenchmark
                        } else if (line.startsWith("STATS ")) {
                            stats = line.substring(6);
                        } else if (line.startsWith("HEAP ")) {
                            String[] parts = line.substring(5).trim().split(" ");
                            peakHeap.set(Long.parseLong(parts[0]));
                            gcMillis.set(Long.parseLong(parts[1]));
                            cpuMillis.set(Long.parseLong(parts[2]));
                            jitMillis.set(Long.parseLong(parts[3]));
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
            for (int i = 0; i < 12_000 && startedAt == 0; i++) { // up to 10 min: the warm-up rounds
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

        /** How many warm-up rounds the lane JVM ran. */
        long warmUpRounds() {
            return warmUpRounds.get();
        }

        /** Time the lane JVM's JIT compiler threads have spent compiling, from its last report. */
        long jitMillis() {
            return jitMillis.get();
        }
    }
}
