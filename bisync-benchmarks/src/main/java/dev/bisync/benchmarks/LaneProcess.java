package dev.bisync.benchmarks;

import dev.bisync.api.DatabaseConfig;
import dev.bisync.api.SideConfig;
import dev.bisync.api.SyncConfig;
import dev.bisync.core.BiSync;

import java.lang.management.ManagementFactory;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;

/**
 * A sync in its own JVM, so that its heap can be measured apart from the embedded stack's. Argument: the tables
 * (comma-separated). Environment: BENCH_KAFKA, BENCH_A_URL/USER/PASSWORD (MariaDB, database {@code app}, topic
 * prefix {@code bench}), BENCH_B_URL/USER/PASSWORD (PostgreSQL, schema {@code public}, prefix {@code benchpg}).
 * Prints {@code STARTED}, then every 500 ms {@code HEAP <most heap in use so far, MB> <GC time so far, ms>}
 * (heap in use sampled every 100 ms).
 */
public final class LaneProcess {

    private LaneProcess() {
    }

    public static void main(String[] args) throws Exception {
        List<String> tables = List.of(args[0].split(","));
        SyncConfig config = SyncConfig.builder()
                .name("bench")
                .kafkaBootstrapServers(System.getenv("BENCH_KAFKA"))
                .batchSize(Integer.parseInt(System.getenv().getOrDefault("BENCH_BATCH",
                        String.valueOf(SyncConfig.DEFAULT_BATCH_SIZE))))
                .kafkaProperty("max.partition.fetch.bytes", System.getenv().getOrDefault("BENCH_FETCH_BYTES",
                        String.valueOf(4 * 1024 * 1024)))
                .sideA(new SideConfig("mariadb", database("A"), "app", "bench", tables))
                .sideB(new SideConfig("postgres", database("B"), "public", "benchpg", tables))
                .build();
        try (BiSync sync = BiSync.builder(config).start()) {
            sync.awaitUp(Duration.ofSeconds(60));
            System.out.println("STARTED");
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long maxUsed = 0;
            for (int tick = 0; ; tick++) {
                maxUsed = Math.max(maxUsed, memory.getHeapMemoryUsage().getUsed());
                if (tick % 5 == 0) {
                    System.out.println("HEAP " + maxUsed / (1024 * 1024) + " " + gcMillis());
                    System.out.flush();
                }
                Thread.sleep(100);
            }
        }
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
