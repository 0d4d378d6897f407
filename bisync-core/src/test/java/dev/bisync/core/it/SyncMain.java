package dev.bisync.core.it;

import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.BiSync;

import java.time.Duration;
import java.util.List;

/**
 * A sync in a process of its own, for tests that kill it. Arguments: sync name, tables (comma-separated).
 * Environment: BISYNC_KAFKA, BISYNC_A_URL, BISYNC_A_USER, BISYNC_A_PASSWORD, BISYNC_A_NAMESPACE, and the same for
 * B; BISYNC_BATCH (default 2000); BISYNC_INSTANCE_ID (default: the library's, the host name). Side A is MariaDB
 * ("mariadb", topic prefix NAMEmaria), side B PostgreSQL ("postgres", NAMEpg), as in {@link SyncFixture}. Prints
 * {@code STARTED} once both lanes are up, then every 100 ms {@code LANE <lane> <status> <lag records>} for each lane,
 * until killed.
 */
public final class SyncMain {

    private SyncMain() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        List<String> tables = List.of(args[1].split(","));
        SyncConfig.Builder builder = SyncConfig.builder();
        String instanceId = System.getenv("BISYNC_INSTANCE_ID");
        if (instanceId != null) {
            builder.instanceId(instanceId);
        }
        SyncConfig config = builder
                .name(name)
                .kafkaBootstrapServers(System.getenv("BISYNC_KAFKA"))
                .batchSize(Integer.parseInt(System.getenv().getOrDefault("BISYNC_BATCH", "2000")))
                .sideA(new SideConfig("mariadb", database("A"), System.getenv("BISYNC_A_NAMESPACE"), name + "maria",
                        tables))
                .sideB(new SideConfig("postgres", database("B"), System.getenv("BISYNC_B_NAMESPACE"), name + "pg",
                        tables))
                .build();
        BiSync sync = BiSync.builder(config).start();
        sync.awaitUp(Duration.ofSeconds(60));
        System.out.println("STARTED");
        System.out.flush();
        while (true) {
            sync.status().forEach(l -> System.out.println("LANE " + l.lane() + " " + l.status() + " " + l.lagRecords()));
            System.out.flush();
            Thread.sleep(100);
        }
    }

    private static DatabaseConfig database(String side) {
        return DatabaseConfig.of(System.getenv("BISYNC_" + side + "_URL"), System.getenv("BISYNC_" + side + "_USER"),
                System.getenv("BISYNC_" + side + "_PASSWORD"));
    }
}
