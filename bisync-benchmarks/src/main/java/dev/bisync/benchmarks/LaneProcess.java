package dev.bisync.benchmarks;

import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.api.config.EchoMarking;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.BiSync;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sync in its own JVM, so that its heap can be measured apart from the embedded stack's. Argument: the tables
 * (comma-separated). Environment: BENCH_KAFKA, BENCH_A_URL/USER/PASSWORD (MariaDB, database {@code app}, topic
 * prefix {@code bench}), BENCH_B_URL/USER/PASSWORD (PostgreSQL, schema {@code public}, prefix {@code benchpg}).
 * BENCH_WARM_UP ({@code table:topic:changes}, optional): a table whose changes a sync of its own applies first.
 * BENCH_INSTANCE_ID (optional): {@code SyncConfig.Builder.instanceId}, empty for no static group membership.
 * Prints {@code STARTED <CPU ms>}, then every 500 ms {@code HEAP <most heap in use so far, MB> <GC time so far, ms>
 * <CPU time so far, ms>} (heap in use sampled every 100 ms), and every 100 ms {@code LANE <status> <lag records>} of
 * the MariaDB-to-PostgreSQL lane.
 */
public final class LaneProcess {

    private static final int MAX_WARM_UP_ROUNDS = 8;

    private LaneProcess() {
    }

    public static void main(String[] args) throws Exception {
        List<String> tables = List.of(args[0].split(","));
        String warmUp = System.getenv().getOrDefault("BENCH_WARM_UP", "");
        if (!warmUp.isBlank()) {
            warmUp(warmUp.split(":"));
            forgetTransactionTopic(); // the measured tables' transactions come first in it: read it from the start
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().equals("bisync.batch.duration") ? DistributionStatisticConfig.builder()
                        .percentiles(0.5, 0.99).expiry(Duration.ofMinutes(10)).bufferLength(1).build().merge(config)
                        : config;
            }
        });
        GcPauses pauses = new GcPauses();
        try (BiSync sync = BiSync.builder(config("bench", tables)).meterRegistry(registry).start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(sync::close)); // SIGTERM: the lanes leave their groups
            sync.awaitUp(Duration.ofSeconds(60));
            System.out.println("STARTED " + cpuMillis() + " " + jitMillis());
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long maxUsed = 0;
            for (int tick = 0; ; tick++) {
                maxUsed = Math.max(maxUsed, memory.getHeapMemoryUsage().getUsed());
                sync.status().stream().filter(l -> l.lane().equals("mariadb-to-postgres")).forEach(l ->
                        System.out.println("LANE " + l.status() + " " + l.lagRecords()));
                if (tick % 5 == 0) {
                    System.out.println("HEAP " + maxUsed / (1024 * 1024) + " " + gcMillis() + " " + cpuMillis() + " "
                            + jitMillis());
                    Timer batches = registry.find("bisync.batch.duration").tag("lane", "mariadb-to-postgres").timer();
                    if (batches != null && batches.count() > 0) {
                        HistogramSnapshot h = batches.takeSnapshot();
                        System.out.printf("STATS batches %d, mean %.0f records; poll to commit p50 %.1f ms, p99 %.1f "
                                + "ms, max %.1f ms; GC pauses: longest %d ms, %d over 50 ms%n", batches.count(),
                                registry.find("bisync.batch.size").tag("lane", "mariadb-to-postgres").summary()
                                        .mean(), h.percentileValues()[0].value(TimeUnit.MILLISECONDS),
                                h.percentileValues()[1].value(TimeUnit.MILLISECONDS),
                                h.max(TimeUnit.MILLISECONDS), pauses.longest(), pauses.over50());
                    }
                    System.out.flush();
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Applies the warm-up table's changes (table:topic:changes) with syncs of their own, in rounds, until the JIT
     * compiler has settled under that load (compiling for less than a tenth of a round), at most
     * {@value #MAX_WARM_UP_ROUNDS} rounds. On two shared cores C2 takes 100-700 ms per hot method, and while its queue
     * is long HotSpot raises the thresholds, so one pass leaves many hot methods in profiled C1 code, compiled only
     * once the measured load runs. Each round starts from an empty warm-up table and a new consumer group.
     */
    /**
     * Deletes the stored positions in the connectors' transaction topics: the next sync reads its tables from their
     * start, so it reads their transactions' markers from the start too (the lanes' offsets are stored by lane name,
     * which the benchmark's syncs share).
     */
    private static void forgetTransactionTopic() throws Exception {
        try (Connection c = DriverManager.getConnection(System.getenv("BENCH_B_URL"), System.getenv("BENCH_B_USER"),
                System.getenv("BENCH_B_PASSWORD")); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM bisync_offsets WHERE topic LIKE '%.transaction'");
        }
    }

    private static void warmUp(String[] spec) throws Exception {
        String table = spec[0];
        long expected = Long.parseLong(spec[2]);
        for (int round = 1; round <= MAX_WARM_UP_ROUNDS; round++) {
            long t0 = System.nanoTime();
            long jit0 = jitMillis();
            try (Connection c = DriverManager.getConnection(System.getenv("BENCH_B_URL"),
                    System.getenv("BENCH_B_USER"), System.getenv("BENCH_B_PASSWORD"))) {
                if (round > 1) { // the last round's rows and stored offsets: this round applies the same changes again
                    try (Statement s = c.createStatement();
                            PreparedStatement d = c.prepareStatement(
                                    "DELETE FROM bisync_offsets WHERE topic = ? OR topic LIKE '%.transaction'")) {
                        s.executeUpdate("DELETE FROM " + table);
                        d.setString(1, spec[1]);
                        d.executeUpdate();
                    }
                }
                try (BiSync sync = BiSync.builder(config("warm" + round, List.of(table))).start();
                        PreparedStatement ps = c.prepareStatement(
                                "SELECT next_offset FROM bisync_offsets WHERE topic = ?")) {
                    ps.setString(1, spec[1]);
                    for (long applied = 0; applied < expected; ) {
                        Thread.sleep(100);
                        try (ResultSet rs = ps.executeQuery()) {
                            applied = rs.next() ? rs.getLong(1) : 0;
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double jit = (jitMillis() - jit0) / 1e3;
            System.out.printf("warm-up round %d: %,d changes applied in %.1f s, JIT compiling %.1f s meanwhile%n",
                    round, expected, seconds, jit);
            if (jit < seconds / 10) {
                return;
            }
        }
    }

    private static SyncConfig config(String name, List<String> tables) {
        SyncConfig.Builder builder = SyncConfig.builder();
        String fetchBytes = System.getenv().getOrDefault("BENCH_FETCH_BYTES", "");
        String batch = System.getenv().getOrDefault("BENCH_BATCH", "");
        String fetchWait = System.getenv().getOrDefault("BENCH_FETCH_WAIT", "");
        String instanceId = System.getenv("BENCH_INSTANCE_ID");
        if (instanceId != null) {
            builder.instanceId(instanceId);
        }
        if (!fetchWait.isBlank()) {
            builder.kafkaProperty("fetch.max.wait.ms", fetchWait);
        }
        if (!fetchBytes.isBlank()) {
            builder.kafkaProperty("max.partition.fetch.bytes", fetchBytes);
        }
        EchoMarking marking = EchoMarking.valueOf(System.getenv().getOrDefault("BENCH_ECHO_MARKING", "auto")
                .toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        return builder.name(name)
                .kafkaBootstrapServers(System.getenv("BENCH_KAFKA"))
                .batchSize(batch.isBlank() ? SyncConfig.DEFAULT_BATCH_SIZE : Integer.parseInt(batch))
                .sideA(new SideConfig("mariadb", database("A"), "app", "bench", tables, marking))
                .sideB(new SideConfig("postgres", database("B"), "public", "benchpg", tables, marking))
                .build();
    }

    /** The longest stop-the-world GC pause and the count of pauses over 50 ms, from the JVM's notifications. */
    private static final class GcPauses implements NotificationListener {
        private final AtomicLong longest = new AtomicLong();
        private final AtomicLong over50 = new AtomicLong();

        GcPauses() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener(this, null, null);
            }
        }

        @Override
        public void handleNotification(Notification n, Object handback) {
            if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                        (CompositeData) n.getUserData());
                if (info.getGcAction().contains("end of") && !info.getGcName().contains("Concurrent")) {
                    long ms = info.getGcInfo().getDuration();
                    longest.accumulateAndGet(ms, Math::max);
                    if (ms > 50) {
                        over50.incrementAndGet();
                    }
                }
            }
        }

        long longest() {
            return longest.get();
        }

        long over50() {
            return over50.get();
        }
    }

    /** The JVM's CPU time so far, all threads. */
    static long cpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    /** Milliseconds the JIT compiler threads have spent compiling since the JVM started. */
    static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /** Milliseconds spent in garbage collection since the JVM started. */
    static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static DatabaseConfig database(String side) {
        return DatabaseConfig.of(System.getenv("BENCH_" + side + "_URL"), System.getenv("BENCH_" + side + "_USER"),
                System.getenv("BENCH_" + side + "_PASSWORD"));
    }
}
