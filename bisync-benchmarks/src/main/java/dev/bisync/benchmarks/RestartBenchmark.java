package dev.bisync.benchmarks;

import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lane killed with SIGKILL ({@code Process.destroyForcibly}) under load and started again at once, as a supervisor
 * would: the MariaDB-to-PostgreSQL lane runs in its own JVM ({@link LaneProcess}) while MariaDB takes {@code rate}
 * single-row inserts a second (transactions of 10) into {@code restart_orders}; after {@code runSeconds} it is killed
 * and a new lane JVM started. Measured from the new JVM's start: STARTED (lanes UP), lag known (the lane reports a
 * lag in records), the first change applied (the offset stored in PostgreSQL moves past its value at the kill), and
 * caught up (the stored offset reaches the topic's end, read just before). Each mode runs once: {@code static} (the
 * default group membership, the same {@code group.instance.id} again) and {@code dynamic} ({@code instanceId("")}).
 * Arguments: {@code [modes] [rate] [runSeconds]}, defaults {@code static,dynamic 500 20}.
 */
public final class RestartBenchmark {

    private static final String TABLE = "restart_orders";
    private static final String TOPIC = "bench.app.restart_orders";

    private RestartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> modes = List.of((args.length > 0 ? args[0] : "static,dynamic").split(","));
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int runSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            LaneBenchmark.createTables(stack, TABLE);
            LaneBenchmark.registerConnector(stack, List.of(TABLE));
            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicLong written = new AtomicLong();
            Thread load = new Thread(() -> load(stack.mariadb(), rate, loading, written), "load");
            load.start();
            try {
                for (String mode : modes) {
                    Map<String, String> env = mode.equals("dynamic") ? Map.of("BENCH_INSTANCE_ID", "") : Map.of();
                    measure(stack, mode, env, runSeconds, rate);
                }
            } finally {
                loading.set(false);
                load.join();
            }
            System.out.printf("load: %,d rows written%n", written.get());
        }
    }

    private static void measure(EmbeddedStack stack, String mode, Map<String, String> env, int runSeconds, int rate)
            throws Exception {
        Process first = LaneBenchmark.startLane(stack, TABLE, env);
        Output firstOut = new Output(first, mode + " 1st");
        firstOut.awaitStarted();
        long before = storedOffset(stack.postgres());
        for (int i = 0; i < 1200 && storedOffset(stack.postgres()) <= before; i++) {
            Thread.sleep(100); // until it applies
        }
        Thread.sleep(runSeconds * 1000L);
        first.destroyForcibly().waitFor();
        long atKill = storedOffset(stack.postgres());
        long behind = topicEnd(stack) - atKill;
        long spawned = System.nanoTime();
        Process second = LaneBenchmark.startLane(stack, TABLE, env);
        Output out = new Output(second, mode + " 2nd");
        long firstApplied = -1;
        long caughtUp = -1;
        while (caughtUp < 0 && System.nanoTime() - spawned < 180e9) {
            long end = topicEnd(stack);
            long stored = storedOffset(stack.postgres());
            long now = System.nanoTime();
            firstApplied = firstApplied < 0 && stored > atKill ? now : firstApplied;
            caughtUp = firstApplied >= 0 && stored >= end ? now : caughtUp;
            Thread.sleep(50);
        }
        System.out.printf("RESTART %s membership, %d rows/s: killed %d s after it applied its first change, %,d records behind; the new "
                + "lane JVM: STARTED after %.1f s, lag known after %.1f s, first change applied after %.1f s, caught "
                + "up after %.1f s%n", mode, rate, runSeconds, behind, seconds(out.started, spawned),
                seconds(out.lagKnown, spawned), seconds(firstApplied, spawned), seconds(caughtUp, spawned));
        second.destroy(); // graceful: the lane leaves its group
        second.waitFor();
    }

    private static double seconds(long at, long from) {
        return at < 0 ? Double.NaN : (at - from) / 1e9;
    }

    private static long storedOffset(DatabaseEndpoint pg) throws Exception {
        try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT next_offset FROM bisync_offsets WHERE lane = 'mariadb-to-postgres' AND topic = ?")) {
            ps.setString(1, TOPIC);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (java.sql.SQLException e) {
            return 0; // bisync_offsets not created yet
        }
    }

    private static long topicEnd(EmbeddedStack stack) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                stack.kafkaBootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            return c.endOffsets(List.of(tp)).getOrDefault(tp, 0L);
        }
    }

    /** {@code rate} rows a second in transactions of 10, until told to stop. */
    private static void load(DatabaseEndpoint maria, int rate, AtomicBoolean loading, AtomicLong written) {
        try (Connection c = maria.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            while (loading.get()) {
                for (int i = 0; i < 10; i++) {
                    long id = written.incrementAndGet();
                    s.execute("INSERT INTO " + TABLE + " VALUES (" + id + "," + id % 997 + ",'pending'," + id % 10_000
                            + ".25,'order " + id + "','2026-01-01 00:00:00.000001')");
                }
                c.commit();
                long due = t0 + written.get() * 1_000_000_000L / rate;
                Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a lane JVM's output: when it printed STARTED and its first known lag; echoes other lines. */
    private static final class Output {
        volatile long started = -1;
        volatile long lagKnown = -1;

        Output(Process process, String label) {
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("STARTED")) {
                            started = System.nanoTime();
                        } else if (line.startsWith("LANE ")) {
                            if (lagKnown < 0 && !line.endsWith(" -1")) {
                                lagKnown = System.nanoTime();
                            }
                        } else if (!line.startsWith("HEAP ") && !line.startsWith("STATS ")) {
                            System.out.println("  " + label + " | " + line);
                        }
                    }
                } catch (Exception ignored) {
                    // the process ended
                }
            }, "lane-output");
            reader.setDaemon(true);
            reader.start();
        }

        void awaitStarted() throws InterruptedException {
            for (int i = 0; i < 1200 && started < 0; i++) {
                Thread.sleep(100);
            }
        }
    }
}
