package dev.bisync.core.internal.lane;

import dev.bisync.core.internal.apply.OffsetStore;
import dev.bisync.core.internal.deadletter.DeadLetterPublisher;
import dev.bisync.core.internal.map.MissingTableException;
import dev.bisync.core.internal.map.TableRouter;
import dev.bisync.core.internal.target.TargetSession;
import dev.bisync.spi.FailureKind;
import dev.bisync.spi.SyncListener;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One direction of a sync: a Kafka consumer (one member of the lane's consumer group) reading the source side's
 * change topics, and a thread that applies each polled batch to the target in one transaction
 * ({@link BatchProcessor}). On partition assignment it seeks to the offsets stored in the target database, so a
 * restart resumes exactly where the last committed transaction ended. Transient failures are retried with
 * exponential backoff and jitter, the same batch again, offsets not advanced, health DEGRADED; a fatal one stops
 * the lane, health DOWN.
 */
public final class Lane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    private static final long MAX_BACKOFF_MS = 30_000;

    private final LaneContext context;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final Duration pollTimeout;
    private final BatchProcessor processor;
    private final TargetSession session;
    private final OffsetStore offsets;
    private final TableRouter router;
    private final DeadLetterPublisher deadLetters;
    private final Thread thread;
    private final Set<TopicPartition> unpositioned = new HashSet<>();
    private volatile boolean running = true;
    private volatile LaneState state = new LaneState(LaneState.Status.STARTING, "starting");
    private boolean revoked;

    Lane(LaneContext context, KafkaConsumer<byte[], byte[]> consumer, List<String> topics, Duration pollTimeout,
            BatchProcessor processor, TargetSession session, OffsetStore offsets, TableRouter router,
            DeadLetterPublisher deadLetters, String threadName) {
        this.context = context;
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.pollTimeout = pollTimeout;
        this.processor = processor;
        this.session = session;
        this.offsets = offsets;
        this.router = router;
        this.deadLetters = deadLetters;
        this.thread = new Thread(this::run, threadName);
    }

    /** The lane's name. */
    public String name() {
        return context.name();
    }

    /** The lane's health now. */
    public LaneState state() {
        return state;
    }

    /** The lane's meters and totals. */
    public LaneMetrics metrics() {
        return context.metrics();
    }

    /** Starts the lane's thread. */
    public void start() {
        thread.start();
    }

    private void run() {
        Throwable error = null;
        try {
            consumer.subscribe(topics, new Positioner());
            LOG.info("{} consuming {}", context.logPrefix(), topics);
            for (SyncListener l : context.listeners()) {
                context.notify(() -> l.laneStarted(context.name()));
            }
            setState(LaneState.up());
            while (running) {
                positionPending();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
                if (!records.isEmpty()) {
                    processWithRetries(records);
                }
            }
        } catch (WakeupException e) {
            // stop() asked
        } catch (FatalLaneException e) {
            error = e.getCause();
            LOG.error("{} stopped: {}", context.logPrefix(), e.getMessage(), e.getCause());
            setState(new LaneState(LaneState.Status.DOWN, e.getMessage()));
        } catch (RuntimeException e) {
            error = e;
            LOG.error("{} stopped by an unexpected error", context.logPrefix(), e);
            setState(new LaneState(LaneState.Status.DOWN, e.toString()));
        } finally {
            closeQuietly();
            if (error == null) {
                setState(new LaneState(LaneState.Status.DOWN, "stopped"));
            }
            Throwable cause = error;
            for (SyncListener l : context.listeners()) {
                context.notify(() -> l.laneStopped(context.name(), cause));
            }
        }
    }

    private void processWithRetries(ConsumerRecords<byte[], byte[]> records) {
        revoked = false;
        for (int attempt = 1; running; attempt++) {
            try {
                Map<TopicPartition, Long> next = processor.process(records);
                commitToKafka(next);
                if (state.status() != LaneState.Status.UP) {
                    LOG.info("{} recovered after {} attempt(s)", context.logPrefix(), attempt);
                    setState(LaneState.up());
                }
                return;
            } catch (Exception e) {
                String reason = classify(e);
                context.metrics().retry();
                session.reset();
                router.forgetAll();
                long backoff = backoff(attempt);
                LOG.warn("{} batch of {} records failed (attempt {}), retrying in {} ms: {}", context.logPrefix(),
                        records.count(), attempt, backoff, reason);
                setState(new LaneState(LaneState.Status.DEGRADED, reason));
                waitKeepingMembership(backoff);
                if (revoked) {
                    LOG.info("{} partitions were reassigned while retrying; the batch is read again from the "
                            + "stored offsets", context.logPrefix());
                    return;
                }
            }
        }
    }

    /** Describes a retriable failure; throws {@link FatalLaneException} for a fatal one. */
    private String classify(Exception e) {
        if (e instanceof MissingTableException) {
            throw new FatalLaneException(e.getMessage(), e);
        }
        if (e instanceof SQLException sql) {
            FailureKind kind = context.targetDialect().classify(sql);
            if (kind == FailureKind.FATAL) {
                throw new FatalLaneException("the target database refused bisync: " + sql.getMessage()
                        + " (SQLState " + sql.getSQLState() + ")", e);
            }
            return "target database: " + sql.getMessage() + " (SQLState " + sql.getSQLState() + ")";
        }
        if (e instanceof KafkaException || e instanceof java.util.concurrent.ExecutionException) {
            return "Kafka: " + e.getMessage();
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw new FatalLaneException("interrupted", e);
        }
        throw new FatalLaneException("unexpected " + e, e);
    }

    private static long backoff(int attempt) {
        long base = Math.min(MAX_BACKOFF_MS, 200L << Math.min(attempt - 1, 10));
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    /** Sleeps while still polling (paused), so that the group does not drop this member. */
    private void waitKeepingMembership(long millis) {
        Set<TopicPartition> assigned = consumer.assignment();
        consumer.pause(assigned);
        long end = System.currentTimeMillis() + millis;
        try {
            while (running && !revoked && System.currentTimeMillis() < end) {
                consumer.poll(Duration.ofMillis(Math.min(100, Math.max(1, end - System.currentTimeMillis()))));
            }
        } finally {
            consumer.resume(consumer.assignment());
        }
    }

    private void commitToKafka(Map<TopicPartition, Long> next) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        next.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset)));
        consumer.commitAsync(commit, (o, e) -> {
            if (e != null) {
                LOG.debug("{} Kafka offset commit (for lag only) failed: {}", context.logPrefix(), e.toString());
            }
        });
    }

    /** Seeks partitions whose stored offsets could not be read at assignment (the target was down). */
    private void positionPending() {
        if (!unpositioned.isEmpty() && seekToStored(Set.copyOf(unpositioned))) {
            consumer.resume(unpositioned);
            unpositioned.clear();
        }
    }

    private boolean seekToStored(Collection<TopicPartition> partitions) {
        try {
            Connection connection = session.connection();
            Map<TopicPartition, Long> stored = offsets.load(connection, partitions);
            connection.commit();
            stored.forEach(consumer::seek);
            LOG.info("{} resuming {} partition(s) from offsets stored in the target: {}", context.logPrefix(),
                    partitions.size(), stored);
            return true;
        } catch (SQLException e) {
            session.reset();
            LOG.warn("{} cannot read stored offsets yet ({}); partitions paused", context.logPrefix(),
                    e.getMessage());
            setState(new LaneState(LaneState.Status.DEGRADED, "cannot read stored offsets: " + e.getMessage()));
            return false;
        }
    }

    private final class Positioner implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            revoked = true;
            unpositioned.removeAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty() && !seekToStored(partitions)) {
                consumer.pause(partitions);
                unpositioned.addAll(partitions);
            }
        }
    }

    private void setState(LaneState next) {
        LaneState previous = state;
        state = next;
        if (previous.status() != next.status()) {
            for (SyncListener l : context.listeners()) {
                context.notify(() -> l.laneStateChanged(context.name(), next.status().name(), next.reason()));
            }
        }
    }

    /** Stops the lane and waits for its thread. */
    @Override
    public void close() {
        running = false;
        try {
            consumer.wakeup();
        } catch (IllegalStateException alreadyClosed) {
            // the lane had stopped by itself
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the lane's thread to end (after a fatal error or {@link #close()}). */
    public void awaitStop(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
    }

    private void closeQuietly() {
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            LOG.debug("{} consumer close: {}", context.logPrefix(), e.toString());
        }
        deadLetters.close();
        session.close();
    }

    /** Ends the lane with one clear message. */
    private static final class FatalLaneException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FatalLaneException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
