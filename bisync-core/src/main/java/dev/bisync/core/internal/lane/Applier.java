package dev.bisync.core.internal.lane;

import dev.bisync.api.Health;
import dev.bisync.api.RetriableException;
import dev.bisync.core.internal.map.MissingTableException;
import dev.bisync.core.internal.target.TargetSession;
import dev.bisync.spi.dialect.FailureKind;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A lane's applier thread: takes decoded batches from the consumer thread, one at a time and in order, and applies
 * each in one target transaction, so that decoding the next batch overlaps with writing this one. A batch whose
 * writes break a foreign key (a source transaction split across polls, one topic per table) takes in the next
 * batch and is tried again, for up to {@value #MAX_REFERENCE_WAIT_MS} ms, before the rows at fault are
 * dead-lettered. A transient
 * failure is retried (same batch, exponential backoff with jitter, health DEGRADED); a fatal one stops the lane.
 * When the lane's partitions are revoked, the batch in hand is given up (not committed) and the queue emptied.
 */
final class Applier implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Applier.class);
    private static final long MAX_BACKOFF_MS = 10_000;
    /** How long a batch that breaks a foreign key keeps taking in later batches before its rows are dead-lettered. */
    private static final long MAX_REFERENCE_WAIT_MS = 10_000;
    private static final long REFERENCE_POLL_MS = 100;
    /** The pause before a batch whose changes failed for their data is tried again, doubled each attempt. */
    private static final long EVENT_RETRY_MS = 100;
    /** Lock conflicts in a row after which a batch is applied in two parts. */
    private static final int LOCK_CONFLICTS_BEFORE_SPLIT = 3;

    private final LaneContext context;
    private final BatchProcessor processor;
    private final TargetSession session;
    private final Consumer<LaneState> states;
    private final String targetSettings;
    private final ArrayBlockingQueue<Queued> queue = new ArrayBlockingQueue<>(1);
    private final ConcurrentLinkedQueue<Map<TopicPartition, Long>> committed = new ConcurrentLinkedQueue<>();
    private final Object idle = new Object();
    private volatile boolean running = true;
    /** Bumped when partitions are revoked: batches queued before belong to partitions the lane may have lost. */
    private volatile long generation;
    private volatile FatalLaneException fatal;
    private boolean busy;
    /** Lock conflicts met in a row by the batch in hand (applier thread). */
    private int lockConflicts;

    /**
     * @param targetSettings where the target database's settings are, for a fatal failure's message, e.g.
     *                       {@code side 'postgres' (jdbc:postgresql://pg/shop, user bisync)}; never the password
     */
    Applier(LaneContext context, BatchProcessor processor, TargetSession session, Consumer<LaneState> states,
            String targetSettings) {
        this.context = context;
        this.targetSettings = targetSettings;
        this.processor = processor;
        this.session = session;
        this.states = states;
    }

    /** Queues a batch; false when the applier still has one waiting (the caller keeps it and tries again). */
    boolean offer(DecodedBatch batch) {
        return queue.offer(new Queued(batch, generation));
    }

    private record Queued(DecodedBatch batch, long generation) {
    }

    /** The next offsets of a committed batch, oldest first; null when none is waiting. */
    Map<TopicPartition, Long> pollCommitted() {
        return committed.poll();
    }

    /** The fatal failure that stopped the applier, or null. */
    FatalLaneException fatal() {
        return fatal;
    }

    /** Gives up the queued batch and the one in hand (not committed), and waits until the applier is idle. */
    void drain() throws InterruptedException {
        generation++;
        queue.clear();
        synchronized (idle) {
            while (busy) {
                idle.wait(100);
            }
        }
        committed.clear();
    }

    /** Stops after the batch in hand. */
    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try {
            while (running) {
                Queued queued = queue.poll(100, TimeUnit.MILLISECONDS);
                if (queued == null) {
                    continue;
                }
                synchronized (idle) {
                    busy = true;
                }
                try {
                    applyWithRetries(queued); // checks the generation only now that drain() waits for it
                } finally {
                    synchronized (idle) {
                        busy = false;
                        idle.notifyAll();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (FatalLaneException e) {
            fatal = e;
            states.accept(new LaneState(Health.DOWN, e.getMessage()));
        } catch (RuntimeException | Error e) { // a bug: the lane stops, DOWN, rather than run without its applier
            fatal = new FatalLaneException("the applier failed unexpectedly (a bug in bisync): " + e, e);
            LOG.error("{} {}", context.logPrefix(), fatal.getMessage(), e);
            states.accept(new LaneState(Health.DOWN, fatal.getMessage()));
        }
    }

    private void applyWithRetries(Queued queued) throws InterruptedException {
        DecodedBatch batch = queued.batch();
        long waitingSince = 0;
        boolean degraded = false;
        int failures = 0;
        for (int attempt = 1; running && queued.generation() == generation; attempt++) {
            try {
                boolean mayWait = waitingSince == 0
                        || System.currentTimeMillis() - waitingSince < MAX_REFERENCE_WAIT_MS;
                committed.add(processor.apply(batch, mayWait));
                lockConflicts = 0;
                if (degraded) {
                    LOG.info("{} recovered after {} attempt(s)", context.logPrefix(), attempt);
                }
                states.accept(LaneState.up());
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (EventRetryException e) {
                // not the lane's health: only some changes' data; the metadata is read again before the next try
                context.metrics().retry();
                processor.forgetAll();
                long pause = EVENT_RETRY_MS << Math.min(attempt - 1, 5);
                LOG.debug("{} {}; next try in {} ms", context.logPrefix(), e.getMessage(), pause);
                pauseUnlessGivenUp(queued, pause);
            } catch (MissingReferenceException e) {
                // the rest of the source transaction is likely in the next batch: take it in and try again
                waitingSince = waitingSince == 0 ? System.currentTimeMillis() : waitingSince;
                Queued next = queue.poll(REFERENCE_POLL_MS, TimeUnit.MILLISECONDS);
                if (next != null && next.generation() == queued.generation()) {
                    batch = batch.merge(next.batch());
                }
                LOG.debug("{} foreign key not satisfied yet ({} records in hand): {}", context.logPrefix(),
                        batch.items().size(), e.getMessage());
            } catch (Exception e) {
                String reason = classify(e);
                context.metrics().retry();
                if (isLockConflict(e)) {
                    // a deadlock or serialization failure against the target's applications: the transaction was
                    // rolled back; try again soon, and in smaller pieces if it keeps meeting them
                    session.reset();
                    lockConflicts++;
                    DecodedBatch[] halves = lockConflicts >= LOCK_CONFLICTS_BEFORE_SPLIT ? batch.split() : null;
                    LOG.info("{} batch of {} records met a lock conflict (attempt {}){}: {}", context.logPrefix(),
                            batch.items().size(), attempt, halves != null ? ", applying it in two parts" : "",
                            reason);
                    if (lockConflicts >= 2) { // one deadlock is routine; rows held for longer are the lane's health
                        states.accept(new LaneState(Health.DEGRADED, reason));
                        degraded = true;
                    }
                    if (halves != null) {
                        lockConflicts = 0;
                        applyWithRetries(new Queued(halves[0], queued.generation()));
                        applyWithRetries(new Queued(halves[1], queued.generation()));
                        return;
                    }
                    pauseUnlessGivenUp(queued, lockBackoff(lockConflicts));
                    continue;
                }
                session.reset();
                processor.forgetAll();
                failures++; // only failures count toward the backoff, not passes that waited for a foreign key
                long backoff = backoff(failures);
                LOG.warn("{} batch of {} records failed (failure {}), retrying in {} ms: {}", context.logPrefix(),
                        batch.items().size(), failures, backoff, reason);
                states.accept(new LaneState(Health.DEGRADED, reason));
                degraded = true;
                pauseUnlessGivenUp(queued, backoff);
            }
        }
    }

    /** Sleeps, waking early when the lane stops or the batch's partitions are revoked. */
    private void pauseUnlessGivenUp(Queued queued, long millis) throws InterruptedException {
        for (long end = System.currentTimeMillis() + millis; running && queued.generation() == generation
                && System.currentTimeMillis() < end; ) {
            Thread.sleep(Math.min(50, Math.max(1, end - System.currentTimeMillis())));
        }
    }

    /** Describes a retriable failure; throws {@link FatalLaneException} for a fatal one. */
    private String classify(Exception e) {
        if (e instanceof MissingTableException) {
            throw new FatalLaneException(e.getMessage(), e);
        }
        if (e instanceof SQLException sql) {
            if (context.targetDialect().failures().classify(sql) == FailureKind.FATAL) {
                String state = String.valueOf(sql.getSQLState());
                String fix = state.startsWith("28") ? "Check the user and the password in the DatabaseConfig of "
                        + targetSettings : "Check the database settings of " + targetSettings + ": the user's "
                        + "privileges (see the README), and that the database and tables exist";
                throw new FatalLaneException("the target database refused bisync: " + sql.getMessage()
                        + " (SQLState " + state + "). " + fix, e);
            }
            return "target database: " + sql.getMessage() + " (SQLState " + sql.getSQLState() + ")";
        }
        if (e instanceof KafkaException || e instanceof ExecutionException) {
            return "Kafka: " + e.getMessage();
        }
        if (e instanceof RetriableException) { // e.g. the source, read to check a value capture substituted
            return e.getMessage();
        }
        throw new FatalLaneException("unexpected " + e, e);
    }

    /** Deadlocks, serialization failures and lock wait timeouts: the target's applications hold the rows. */
    private static boolean isLockConflict(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = String.valueOf(sql.getSQLState());
                if (state.equals("40001") || state.equals("40P01") || sql.getErrorCode() == 1213
                        || sql.getErrorCode() == 1205) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A short pause, doubling from 20 ms up to 1 s, with jitter. */
    private static long lockBackoff(int conflicts) {
        long base = Math.min(1_000, 20L << Math.min(conflicts, 6));
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    private static long backoff(int attempt) {
        long base = Math.min(MAX_BACKOFF_MS, 200L << Math.min(attempt - 1, 10));
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    /** Ends the lane with one clear message. */
    static final class FatalLaneException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FatalLaneException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
