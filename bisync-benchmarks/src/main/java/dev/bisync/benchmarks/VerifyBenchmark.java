package dev.bisync.benchmarks;

import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.BiSync;
import dev.bisync.core.CaptureSettings;
import dev.bisync.core.CaptureSetup;
import dev.bisync.core.OnlineVerify;
import dev.bisync.core.connect.ConnectRestClient;
import dev.bisync.core.report.VerifyReport;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The online verify's rate on one table pair with both lanes running, and what it adds to the lanes' latency (not a
 * test). Generates {@code rows} identical rows on MariaDB and PostgreSQL ({@code vb_rows}: bigint key, int, decimal,
 * varchar, a text of 400-599 characters, datetime: about 550 bytes of values a row), starts both connectors and the
 * sync, and runs a probe: one single-row commit on MariaDB every 20 ms into {@code vb_probe}, seen on PostgreSQL by a
 * reader polling every 2 ms (latency: commit on MariaDB to visible on PostgreSQL, so up to 2 ms high). Prints the
 * probe's latency for {@code seconds} without a verify, then during {@code OnlineVerify} of {@code vb_rows}, and
 * the verify's rows/s and MB/s (the tables' on-disk sizes as the databases report them).
 *
 * <pre>./mvnw -B -Pbench -pl bisync-benchmarks -am -DskipTests verify \
 *     -Dbench.main=dev.bisync.benchmarks.VerifyBenchmark -Dbench.args="2000000 30 5000"</pre>
 * Arguments: {@code [rows] [seconds of the baseline] [chunk rows]}, defaults 2,000,000 (about 1 GB a side), 30,
 * 5,000.
 */
public final class VerifyBenchmark {

    private static final String MARIA = "id bigint PRIMARY KEY, qty int NOT NULL, price decimal(12,3) NOT NULL, "
            + "name varchar(60) NOT NULL, note text NOT NULL, seen datetime(6) NOT NULL";
    private static final String PG = "id bigint PRIMARY KEY, qty int NOT NULL, price numeric(12,3) NOT NULL, "
            + "name varchar(60) NOT NULL, note text NOT NULL, seen timestamp(6) NOT NULL";

    private VerifyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int baseline = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int chunkRows = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            long t0 = System.nanoTime();
            generate(stack, rows);
            String sizes = sizes(stack);
            System.out.printf("generated %,d rows a side in %.0f s; %s%n", rows, (System.nanoTime() - t0) / 1e9,
                    sizes);
            SyncConfig config = config(stack);
            register(stack, config);
            try (BiSync sync = BiSync.builder(config).start()) {
                sync.awaitUp(Duration.ofSeconds(60));
                Probe probe = new Probe(stack);
                probe.start();
                Thread.sleep(5_000); // warm
                probe.reset();
                Thread.sleep(baseline * 1000L);
                List<Long> quiet = probe.reset();
                VerifyReport report = OnlineVerify.builder(config).tables(List.of("vb_rows")).chunkRows(chunkRows)
                        .progress(Duration.ofSeconds(30), System.out::println).run();
                List<Long> during = probe.reset();
                probe.stop();
                double seconds = report.took().toNanos() / 1e9;
                long a = report.tables().get(0).rowsA();
                System.out.printf("VERIFY  %,d + %,d rows (%s) in %.1f s = %,.0f rows/s a side; chunks %d, "
                        + "differing at first reading %d, drift %d, unsettled %d; chunk %,d rows%n", a,
                        report.tables().get(0).rowsB(), sizes, seconds, a / seconds,
                        report.tables().get(0).chunks(), report.tables().get(0).chunksDiffering(),
                        report.drift().size(), report.unsettled().size(), chunkRows);
                System.out.printf("LATENCY probe commit on MariaDB -> visible on PostgreSQL, 50 commits/s: without "
                        + "verify p50 %.1f ms, p99 %.1f ms (%d); during verify p50 %.1f ms, p99 %.1f ms (%d)%n",
                        pct(quiet, 50), pct(quiet, 99), quiet.size(), pct(during, 50), pct(during, 99),
                        during.size());
                System.out.printf("LOAD    %d cores; max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory() / 1_000_000);
            }
        }
    }

    private static void generate(EmbeddedStack stack, int rows) throws Exception {
        try (Connection m = stack.mariadb().connect(); Statement s = m.createStatement()) {
            s.execute("CREATE TABLE vb_rows (" + MARIA + ")");
            s.execute("CREATE TABLE vb_probe (id bigint PRIMARY KEY, at bigint NOT NULL)");
            for (int from = 1; from <= rows; from += 100_000) {
                int to = Math.min(rows, from + 99_999);
                s.execute("INSERT INTO vb_rows SELECT seq, seq % 100000, (seq % 1000000) * 0.001, "
                        + "CONCAT('name ', seq), REPEAT('x', 400 + seq % 200), TIMESTAMP '2020-01-01 00:00:00' + "
                        + "INTERVAL seq SECOND FROM seq_" + from + "_to_" + to);
            }
        }
        try (Connection p = stack.postgres().connect(); Statement s = p.createStatement()) {
            s.execute("CREATE TABLE vb_rows (" + PG + ")");
            s.execute("CREATE TABLE vb_probe (id bigint PRIMARY KEY, at bigint NOT NULL)");
            for (String t : List.of("vb_rows", "vb_probe")) {
                s.execute("ALTER TABLE " + t + " REPLICA IDENTITY FULL");
            }
            for (int from = 1; from <= rows; from += 100_000) {
                int to = Math.min(rows, from + 99_999);
                s.execute("INSERT INTO vb_rows SELECT g, g % 100000, (g % 1000000) * 0.001, 'name ' || g, "
                        + "repeat('x', 400 + (g % 200)::int), timestamp '2020-01-01 00:00:00' + g * interval "
                        + "'1 second' FROM generate_series(" + from + "::bigint, " + to + ") g");
            }
            s.execute("VACUUM ANALYZE vb_rows");
        }
        try (Connection m = stack.mariadb().connect(); Statement s = m.createStatement()) {
            s.execute("ANALYZE TABLE vb_rows");
        }
    }

    private static String sizes(EmbeddedStack stack) throws Exception {
        long maria;
        long pg;
        try (Connection m = stack.mariadb().connect(); Statement s = m.createStatement();
             ResultSet rs = s.executeQuery("SELECT data_length + index_length FROM information_schema.tables "
                     + "WHERE table_schema = DATABASE() AND table_name = 'vb_rows'")) {
            rs.next();
            maria = rs.getLong(1);
        }
        try (Connection p = stack.postgres().connect(); Statement s = p.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('vb_rows')")) {
            rs.next();
            pg = rs.getLong(1);
        }
        return String.format("vb_rows on disk: MariaDB %.0f MB, PostgreSQL %.0f MB", maria / 1e6, pg / 1e6);
    }

    private static SyncConfig config(EmbeddedStack stack) {
        List<String> tables = List.of("vb_rows", "vb_probe");
        return SyncConfig.builder().name("vbench").kafkaBootstrapServers(stack.kafkaBootstrapServers())
                .sideA(new SideConfig("mariadb", db(stack.mariadbServer().bisyncUser()), EmbeddedStack.DATABASE,
                        "vbmaria", tables))
                .sideB(new SideConfig("postgres", db(stack.postgresServer().bisyncUser()), "public", "vbpg", tables))
                .build();
    }

    private static DatabaseConfig db(DatabaseEndpoint e) {
        return DatabaseConfig.of(e.jdbcUrl(), e.user(), e.password());
    }

    private static void register(EmbeddedStack stack, SyncConfig config) {
        CaptureSetup setup = new CaptureSetup(config);
        DatabaseEndpoint m = stack.mariadb();
        DatabaseEndpoint p = stack.postgres();
        ConnectRestClient connect = new ConnectRestClient(stack.connectWorker().url());
        connect.put("vb-maria", setup.connectorConfig("mariadb", new CaptureSettings("vb-maria", m.host(), m.port(),
                m.database(), m.user(), m.password(), 5910, "no_data")));
        connect.put("vb-pg", setup.connectorConfig("postgres", new CaptureSettings("vb-pg", p.host(), p.port(),
                p.database(), p.user(), p.password(), 0, "no_data")));
        connect.awaitRunning("vb-maria", Duration.ofSeconds(60));
        connect.awaitRunning("vb-pg", Duration.ofSeconds(60));
        stack.awaitStreaming("vbmaria", Duration.ofSeconds(60));
        stack.awaitStreaming("vbpg", Duration.ofSeconds(60));
    }

    /** One commit on MariaDB every 20 ms; a reader on PostgreSQL notes when each becomes visible. */
    private static final class Probe {
        private final EmbeddedStack stack;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ConcurrentMap<Long, Long> committed = new ConcurrentHashMap<>();
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private final List<Thread> threads = new ArrayList<>();

        Probe(EmbeddedStack stack) {
            this.stack = stack;
        }

        void start() {
            threads.add(new Thread(this::write, "probe-writer"));
            threads.add(new Thread(this::read, "probe-reader"));
            threads.forEach(Thread::start);
        }

        private void write() {
            try (Connection c = stack.mariadb().connect(); Statement s = c.createStatement()) {
                for (long id = 1; running.get(); id++) {
                    s.execute("INSERT INTO vb_probe VALUES (" + id + ", 0)");
                    committed.put(id, System.nanoTime());
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private void read() {
            long seen = 0;
            try (Connection c = stack.postgres().connect(); Statement s = c.createStatement()) {
                while (running.get()) {
                    try (ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM vb_probe")) {
                        rs.next();
                        long max = rs.getLong(1);
                        long now = System.nanoTime();
                        for (long id = seen + 1; id <= max; id++) {
                            Long at = committed.remove(id);
                            if (at != null) {
                                latencies.add((now - at) / 1000);
                            }
                        }
                        seen = Math.max(seen, max);
                    }
                    Thread.sleep(2);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The latencies (µs) since the last reset. */
        List<Long> reset() {
            synchronized (latencies) {
                List<Long> copy = new ArrayList<>(latencies);
                latencies.clear();
                return copy;
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    private static double pct(List<Long> micros, int p) {
        if (micros.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1000.0;
    }
}
