package dev.bisync.benchmarks.convergence;

import dev.bisync.testkit.DatabaseEndpoint;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Random;

/**
 * The shop's application on one side: {@code rate} random transactions a second for a while, on its own database,
 * as one client session (see {@link ShopTransactions} for what each does). A transaction that fails because of the
 * other side's concurrent activity is retried (deadlock, serialization failure, lock wait) or given up (a
 * foreign key the other side's delete broke, a row the other side deleted) and counted; nothing else is expected.
 */
public final class ShopApplication implements Runnable {

    /** The operations, with their weights out of 100. */
    enum Operation {
        INSERT_CUSTOMER(12), UPDATE_CUSTOMER(5), INSERT_ORDER(25), ADVANCE_STATUS(25), UPDATE_AMOUNTS(18),
        DELETE_ORDER(9), DELETE_CUSTOMER(6);

        final int weight;

        Operation(int weight) {
            this.weight = weight;
        }

        static Operation pick(Random random) {
            int r = random.nextInt(100);
            for (Operation op : values()) {
                r -= op.weight;
                if (r < 0) {
                    return op;
                }
            }
            throw new IllegalStateException("weights do not add up to 100");
        }
    }

    private static final int ATTEMPTS = 3;

    private final String sideName;
    private final int side;
    private final DatabaseEndpoint endpoint;
    private final KeyRegistry keys;
    private final Random random;
    private final int rate;
    private final Duration duration;
    private final AppCounts counts = new AppCounts();
    private volatile boolean stopped;

    /**
     * @param side 0 for side A (MariaDB), 1 for side B (PostgreSQL): its share of the key ranges
     * @param seed the run's seed; each side derives its own stream from it
     */
    public ShopApplication(String sideName, int side, DatabaseEndpoint endpoint, KeyRegistry keys, long seed,
            int rate, Duration duration) {
        this.sideName = sideName;
        this.side = side;
        this.endpoint = endpoint;
        this.keys = keys;
        this.random = new Random(seed * 31 + side);
        this.rate = rate;
        this.duration = duration;
    }

    public AppCounts counts() {
        return counts;
    }

    public String sideName() {
        return sideName;
    }

    /** Ends the load early (the current transaction finishes). */
    public void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (Connection c = endpoint.connect()) {
            c.setAutoCommit(false);
            ShopTransactions txns = new ShopTransactions(c, side, keys, random);
            for (long i = 0; !stopped; i++) {
                long next = start + i * interval;
                if (next >= end) {
                    break;
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                runOne(c, txns, Operation.pick(random));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            counts.unexpected(sideName + ": connection: " + e);
        }
    }

    private void runOne(Connection c, ShopTransactions txns, Operation op) throws SQLException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                if (txns.run(op)) {
                    counts.committed.incrementAndGet();
                } else {
                    counts.noKey.incrementAndGet();
                }
                return;
            } catch (ShopTransactions.RowGone e) {
                c.rollback();
                counts.rowGone.incrementAndGet();
                return;
            } catch (SQLException e) {
                c.rollback();
                if (isForeignKey(e)) {
                    counts.foreignKey.incrementAndGet();
                    return;
                }
                if (!isRetriable(e)) {
                    counts.unexpected(sideName + " " + op + ": " + e.getSQLState() + " " + e.getMessage());
                    return;
                }
                if (attempt == ATTEMPTS) {
                    counts.deadlock.incrementAndGet();
                    return;
                }
                counts.retried.incrementAndGet();
            }
        }
    }

    /** A foreign key broken by the other side's delete (PostgreSQL 23503; MariaDB 1451, 1452). */
    static boolean isForeignKey(SQLException e) {
        return "23503".equals(e.getSQLState()) || e.getErrorCode() == 1451 || e.getErrorCode() == 1452;
    }

    /** Deadlock, serialization failure, lock wait timeout: try again. */
    static boolean isRetriable(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.equals("40001") || state.equals("40P01") || state.equals("55P03") || e.getErrorCode() == 1213
                || e.getErrorCode() == 1205;
    }

    static BigDecimal money(Random random, int maxUnits) {
        return BigDecimal.valueOf(100 + random.nextInt(maxUnits * 100), 2);
    }
}
