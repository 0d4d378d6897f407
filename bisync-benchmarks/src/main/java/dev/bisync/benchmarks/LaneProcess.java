package dev.bisync.benchmarks;

import dev.bisync.api.DatabaseConfig;
import dev.bisync.api.SideConfig;
import dev.bisync.api.SyncConfig;
import dev.bisync.core.BiSync;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;

/**
 * A sync in its own JVM, so that its heap can be measured apart from the embedded stack's. Argument: the tables
 * (comma-separated). Environment: BENCH_KAFKA, BENCH_A_URL/USER/PASSWORD (MariaDB, database {@code app}, topic
 * prefix {@code bench}), BENCH_B_URL/USER/PASSWORD (PostgreSQL, schema {@code public}, prefix {@code benchpg}).
 * Prints {@code STARTED}, then {@code HEAP <peak MB>} every 500 ms.
 */
public final class LaneProcess {

    private LaneProcess() {
    }

    public static void main(String[] args) throws Exception {
        List<String> tables = List.of(args[0].split(","));
        SyncConfig config = SyncConfig.builder()
                .name("bench")
                .kafkaBootstrapServers(System.getenv("BENCH_KAFKA"))
                .sideA(new SideConfig("mariadb", database("A"), "app", "bench", tables))
                .sideB(new SideConfig("postgres", database("B"), "public", "benchpg", tables))
                .build();
        try (BiSync sync = BiSync.builder(config).start()) {
            sync.awaitUp(Duration.ofSeconds(60));
            System.out.println("STARTED");
            while (true) {
                System.out.println("HEAP " + peakHeapMb());
                System.out.flush();
                Thread.sleep(500);
            }
        }
    }

    /** The highest heap use seen so far, over all heap pools, in MB. */
    static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }

    private static DatabaseConfig database(String side) {
        return DatabaseConfig.of(System.getenv("BENCH_" + side + "_URL"), System.getenv("BENCH_" + side + "_USER"),
                System.getenv("BENCH_" + side + "_PASSWORD"));
    }
}
