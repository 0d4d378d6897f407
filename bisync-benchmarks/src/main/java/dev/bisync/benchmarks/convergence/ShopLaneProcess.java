package dev.bisync.benchmarks.convergence;

import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.api.config.EchoMarking;
import dev.bisync.api.config.ReferenceRule;
import dev.bisync.core.BiSync;
import dev.bisync.core.LaneAccounting;

import java.time.Duration;

/**
 * The shop's sync in a JVM of its own, so that the harness can kill it ({@code kill -9}) during the load. Argument:
 * the sync's name. Environment: CONV_KAFKA, CONV_A_URL/USER/PASSWORD (MariaDB), CONV_B_URL/USER/PASSWORD
 * (PostgreSQL). Prints {@code UP} when both lanes are up, then once a second {@code ACCOUNT <lane accounting>} per
 * lane; runs until it is killed.
 */
public final class ShopLaneProcess {

    private ShopLaneProcess() {
    }

    public static void main(String[] args) throws Exception {
        ShopSync shop = new ShopSync(args[0], args.length > 1 ? ReferenceRule.ofSpec(args[1])
                : ReferenceRule.DELETE_WINS, args.length > 2 ? EchoMarking.valueOf(args[2]) : EchoMarking.AUTO);
        try (BiSync sync = BiSync.builder(shop.config(System.getenv("CONV_KAFKA"), database("A"), database("B")))
                .start()) {
            sync.awaitUp(Duration.ofSeconds(120));
            System.out.println("UP");
            System.out.flush();
            while (true) {
                Thread.sleep(1000);
                for (LaneAccounting a : sync.accounting()) {
                    System.out.println("ACCOUNT " + a);
                }
                System.out.flush();
            }
        }
    }

    private static DatabaseConfig database(String side) {
        return DatabaseConfig.of(System.getenv("CONV_" + side + "_URL"), System.getenv("CONV_" + side + "_USER"),
                System.getenv("CONV_" + side + "_PASSWORD"));
    }
}
