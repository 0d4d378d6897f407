package dev.bisync.benchmarks.convergence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The keys both applications know, shared by them (the program's registry): who created each customer and order,
 * who touched it last and when. Most operations pick one of the {@link #WORKING_SET} newest keys their own side
 * created; a share of them
 * ({@link #OVERLAP}) picks a key the other side touched within the last second, so that both sides change the same
 * rows at once. New keys come from side-disjoint ranges (side {@code s} of 2 takes {@code 2n + s}, as a shop sets
 * {@code auto_increment_increment} and its offset), and a key is never used again after a delete. Thread-safe.
 */
public final class KeyRegistry {

    /** The share of picks that take a key the other side touched within the last second. */
    public static final double OVERLAP = 0.2;
    /**
     * How many of its newest keys a side works on: as in a shop, where the recent orders are the ones paid, shipped
     * and changed, so that the two sides' work meets on few rows (a uniform pick over every key would make conflicts
     * rarer the longer a run lasts).
     */
    public static final int WORKING_SET = 32;
    private static final long RECENT_NANOS = 1_000_000_000L;

    /** A key's creator, the side that touched it last, and when. */
    private record Touch(int owner, int lastSide, long at) {
    }

    private final Map<String, TreeMap<Long, Touch>> tables = new TreeMap<>();
    private final Map<String, AtomicLong> sequences = new TreeMap<>();

    /** A new key of {@code table} for side {@code side} (0 or 1), never handed out before. */
    public synchronized long newKey(String table, int side) {
        long n = sequences.computeIfAbsent(table + "/" + side, k -> new AtomicLong()).incrementAndGet();
        return 2 * n + side;
    }

    /** Records that {@code side} created the row (after its commit). */
    public synchronized void created(String table, long key, int side) {
        keys(table).put(key, new Touch(side, side, System.nanoTime()));
    }

    /** Records that {@code side} changed the row (after its commit). */
    public synchronized void touched(String table, long key, int side) {
        keys(table).computeIfPresent(key, (k, t) -> new Touch(t.owner(), side, System.nanoTime()));
    }

    /** Forgets a deleted row: it is never picked again. */
    public synchronized void deleted(String table, long key) {
        keys(table).remove(key);
    }

    /**
     * A key for {@code side} to work on: with probability {@link #OVERLAP} one the other side touched within the
     * last second (if any), else one {@code side} created; -1 when there is none.
     */
    public synchronized long pick(String table, int side, Random random) {
        boolean overlap = random.nextDouble() < OVERLAP;
        long now = System.nanoTime();
        List<Long> candidates = new ArrayList<>();
        if (overlap) {
            keys(table).forEach((k, t) -> {
                if (t.lastSide() != side && now - t.at() < RECENT_NANOS) {
                    candidates.add(k);
                }
            });
        }
        if (candidates.isEmpty()) {
            for (var e : keys(table).descendingMap().entrySet()) { // newest first: a side's keys only grow
                if (e.getValue().owner() == side) {
                    candidates.add(e.getKey());
                    if (candidates.size() == WORKING_SET) {
                        break;
                    }
                }
            }
        }
        return candidates.isEmpty() ? -1 : candidates.get(random.nextInt(candidates.size()));
    }

    private TreeMap<Long, Touch> keys(String table) {
        return tables.computeIfAbsent(table, t -> new TreeMap<>());
    }
}
