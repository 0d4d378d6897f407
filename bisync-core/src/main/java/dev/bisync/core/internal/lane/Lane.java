package dev.bisync.core.internal.lane;

import dev.bisync.api.Health;
import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.core.internal.apply.OffsetStore;
import dev.bisync.core.internal.deadletter.DeadLetterPublisher;
import dev.bisync.core.internal.target.TargetConnections;
import dev.bisync.core.internal.target.TargetSession;
import dev.bisync.spi.SyncListener;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
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

/**
 * One direction of a sync: a Kafka consumer (one member of the lane's consumer group) reading the source side's
 * change topics on the lane's thread, which decodes each polled batch and hands it to the {@link Applier} thread
 * that writes it to the target in one transaction. Decoding the next batch overlaps with writing this one: while
 * the applier is busy, further polls are decoded and added to the waiting batch until it holds the batch size, so
 * batches are small when the lane keeps up (low latency) and full when it does not (throughput); then the consumer's
 * partitions are paused (it keeps polling, so the group keeps it).
 *
 * <p>On partition assignment the lane seeks to the offsets stored in the target database, so a restart resumes
 * exactly where the last committed transaction ended. On revocation it gives up what it has not committed and waits
 * for the applier, so no other member applies the same records concurrently. Offsets are also committed to Kafka
 * (at most once a second), only so that consumer lag can be watched. While the consumer has no connection to any
 * broker the lane reports DEGRADED ({@link BrokerWatch}).
 */
public final class Lane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    private static final long KAFKA_COMMIT_INTERVAL_MS = 1_000;
    /** How long a batch without changes waits for one with changes to join it. */
    private static final long FILTERED_ONLY_WAIT_MS = 1_000;
    /** How long a poll waits while a decoded batch waits for the applier. */
    private static final long PENDING_POLL_MS = 10;

    private final LaneContext context;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final Duration pollTimeout;
    private final int batchSize;
    private final BatchProcessor processor;
    private final Applier applier;
    private final TargetSession session;
    private final DatabaseConfig target;
    private final OffsetStore offsets;
    private final DeadLetterPublisher deadLetters;
    private final Thread thread;
    private final Thread applierThread;
    private final Set<TopicPartition> unpositioned = new HashSet<>();
    private final Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
    private final BrokerWatch brokers;
    private final TransactionAssembler transactions;
    private volatile boolean running = true;
    private volatile LaneState state = new LaneState(Health.STARTING, "starting");
    private final LagMeter lag;
    /** The consumer's static member id ({@code group.instance.id}), or empty. */
    private final String member;
    private DecodedBatch pending;
    private boolean paused;
    private long lastKafkaCommit;

    Lane(LaneContext context, KafkaConsumer<byte[], byte[]> consumer, List<String> topics, Duration pollTimeout,
            int batchSize, BatchProcessor processor, Applier applier, TargetSession session, DatabaseConfig target,
            OffsetStore offsets, DeadLetterPublisher deadLetters, TransactionAssembler transactions,
            String threadName) {
        this.context = context;
        this.consumer = consumer;
        this.transactions = transactions;
        List<String> subscribed = new java.util.ArrayList<>(topics);
        subscribed.add(transactions.transactionTopic());
        this.topics = List.copyOf(subscribed);
        this.pollTimeout = pollTimeout;
        this.batchSize = batchSize;
        this.processor = processor;
        this.applier = applier;
        this.session = session;
        this.target = target;
        this.offsets = offsets;
        this.deadLetters = deadLetters;
        this.thread = new Thread(this::run, threadName);
        this.applierThread = new Thread(applier, threadName + "-applier");
        this.brokers = new BrokerWatch(consumer);
        this.lag = new LagMeter(consumer, context.metrics());
        this.member = consumer.groupMetadata().groupInstanceId().orElse("");
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

    /** Starts the lane's threads. */
    public void start() {
        applierThread.start();
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
            while (running && applier.fatal() == null) {
                positionPending();
                if (pending != null && ready(pending) && applier.offer(pending)) {
                    pending = null;
                }
                if (pending == null || pending.items().size() < batchSize || pending.changes().isEmpty()) {
                    // while the applier works, the next batch grows from further polls, up to the batch size; a batch
                    // without changes (a transaction's BEGIN) keeps polling for the changes to join it
                    resume();
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(pending == null ? pollTimeout
                            : Duration.ofMillis(PENDING_POLL_MS));
                    for (TopicPartition tp : records.partitions()) {
                        lag.startedFrom(tp, records.records(tp).get(0).offset());
                    }
                    long polledAt = System.nanoTime();
                    if (!records.isEmpty()) {
                        transactions.add(processor.decodeItems(records, transactions::isMarker));
                    }
                    List<DecodedBatch.Item> released = transactions.release(this::readToEnd);
                    if (!released.isEmpty()) { // whole source transactions, in commit order
                        processor.settleMarked(released);
                        DecodedBatch batch = BatchProcessor.batchOf(released, polledAt);
                        pending = pending == null ? batch : pending.merge(batch);
                        if (ready(pending) && applier.offer(pending)) {
                            pending = null;
                        }
                    }
                } else {
                    pause();
                    consumer.poll(Duration.ofMillis(PENDING_POLL_MS)); // stays in the group while the applier works
                }
                commitToKafka(false);
                watchBrokers();
                lag.measure(unpositioned);
            }
            if (applier.fatal() != null) {
                error = applier.fatal().getCause();
                LOG.error("{} stopped: {}", context.logPrefix(), applier.fatal().getMessage(), error);
            }
        } catch (WakeupException e) {
            // close() asked
        } catch (FencedInstanceIdException e) {
            error = e;
            String reason = "another consumer joined the lane's consumer group as the same static member "
                    + member + ": two instances of this sync use one "
                    + "instance id; give each its own (SyncConfig.Builder.instanceId, or instance-id= in a file)";
            LOG.error("{} stopped: {}", context.logPrefix(), reason);
            setState(new LaneState(Health.DOWN, reason));
        } catch (RuntimeException e) {
            error = e;
            LOG.error("{} stopped by an unexpected error", context.logPrefix(), e);
            setState(new LaneState(Health.DOWN, e.toString()));
        } finally {
            shutDown();
            if (error == null) {
                setState(new LaneState(Health.DOWN, "stopped"));
            }
            Throwable cause = error;
            for (SyncListener l : context.listeners()) {
                context.notify(() -> l.laneStopped(context.name(), cause));
            }
        }
    }

    /**
     * Whether a batch goes to the applier now: one holding changes does; one holding only records without a change
     * (a transaction's BEGIN, tombstones, heartbeats) waits up to {@value #FILTERED_ONLY_WAIT_MS} ms for a batch with
     * changes to join, so that a source transaction costs one target transaction, not two (its BEGIN and its END
     * usually come in different polls); its offsets are stored all the same.
     */
    private static boolean ready(DecodedBatch batch) {
        return !batch.changes().isEmpty()
                || System.nanoTime() - batch.polledAt() > FILTERED_ONLY_WAIT_MS * 1_000_000L;
    }

    private void pause() {
        if (!paused) {
            consumer.pause(consumer.assignment());
            paused = true;
        }
    }

    private void resume() {
        if (paused) {
            Set<TopicPartition> resumable = new HashSet<>(consumer.assignment());
            resumable.removeAll(unpositioned);
            consumer.resume(resumable);
            paused = false;
        }
    }

    /** Whether the consumer has read every assigned partition up to its end offset at the last lag check. */
    private boolean readToEnd() {
        return lag.readToEnd();
    }

    /** Records waiting in the lane's topics, or -1 before it knows ({@link LagMeter}). */
    public long lagRecords() {
        return lag.records();
    }

    /**
     * How far behind its source the lane is, in seconds: 0 when nothing waits; else the time since the later of the
     * source commit of the newest change it applied and the moment it was last caught up.
     */
    public double lagSeconds() {
        return lag.seconds();
    }

    private void commitToKafka(boolean now) {
        for (Map<TopicPartition, Long> next; (next = applier.pollCommitted()) != null; ) {
            next.forEach((tp, offset) -> toCommit.put(tp, new OffsetAndMetadata(offset)));
            lag.applied(next);
        }
        long t = System.currentTimeMillis();
        if (toCommit.isEmpty() || (!now && t - lastKafkaCommit < KAFKA_COMMIT_INTERVAL_MS)) {
            return;
        }
        consumer.commitAsync(new HashMap<>(toCommit), (o, e) -> {
            if (e != null) {
                LOG.debug("{} Kafka offset commit (for lag only) failed: {}", context.logPrefix(), e.toString());
            }
        });
        toCommit.clear();
        lastKafkaCommit = t;
    }

    /** DEGRADED while the consumer has no broker connection; UP again when it has, unless something else failed. */
    private void watchBrokers() {
        String change = brokers.check(System.currentTimeMillis());
        if (change == null) {
            return;
        }
        if (!change.isEmpty()) {
            LOG.warn("{} {}", context.logPrefix(), change);
            setState(new LaneState(Health.DEGRADED, change));
        } else if (state.status() == Health.DEGRADED
                && state.reason().startsWith(BrokerWatch.REASON_PREFIX)) {
            LOG.info("{} connected to Kafka again", context.logPrefix());
            setState(LaneState.up());
        }
    }

    /** Seeks partitions whose stored offsets could not be read at assignment (the target was down). */
    private void positionPending() {
        if (!unpositioned.isEmpty() && seekToStored(Set.copyOf(unpositioned))) {
            if (!paused) {
                consumer.resume(unpositioned);
            }
            unpositioned.clear();
        }
    }

    /** Reads the stored offsets over a connection of its own (the applier owns the writer session). */
    private boolean seekToStored(Collection<TopicPartition> partitions) {
        try (Connection connection = TargetConnections.open(target)) {
            Map<TopicPartition, Long> stored = offsets.load(connection, partitions);
            stored.forEach(consumer::seek);
            List<TopicPartition> markers = partitions.stream()
                    .filter(tp -> tp.topic().equals(transactions.transactionTopic()) && !stored.containsKey(tp))
                    .toList();
            if (!markers.isEmpty() && !stored.isEmpty()) {
                // changes were applied before without the transaction topic's position (an earlier version):
                // its old markers are of transactions already applied
                LOG.info("{} no stored position in {}: reading it from its end", context.logPrefix(),
                        transactions.transactionTopic());
                consumer.seekToEnd(markers);
            }
            lag.startedFrom(stored);
            LOG.info("{} resuming {} partition(s) from offsets stored in the target: {}", context.logPrefix(),
                    partitions.size(), stored);
            return true;
        } catch (SQLException e) {
            LOG.warn("{} cannot read stored offsets yet ({}); partitions paused", context.logPrefix(),
                    e.getMessage());
            setState(new LaneState(Health.DEGRADED, "cannot read stored offsets: " + e.getMessage()));
            return false;
        }
    }

    private final class Positioner implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            pending = null;
            transactions.clear();
            try {
                applier.drain(); // what it has not committed is read again by the partitions' next owner
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            unpositioned.removeAll(partitions);
            toCommit.keySet().removeAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            lag.assigned();
            if (!partitions.isEmpty() && !seekToStored(partitions)) {
                consumer.pause(partitions);
                unpositioned.addAll(partitions);
            } else if (paused) {
                consumer.pause(partitions);
            }
        }
    }

    /** Records a health change and tells the listeners; called from both of the lane's threads. */
    synchronized void setState(LaneState next) {
        LaneState previous = state;
        if (previous.status() == Health.DOWN && next.status() != Health.DOWN) {
            return; // DOWN is final
        }
        state = next;
        if (previous.status() != next.status()) {
            for (SyncListener l : context.listeners()) {
                context.notify(() -> l.laneStateChanged(context.name(), next.status(), next.reason()));
            }
        }
    }

    /** Stops the lane and waits for its threads. */
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
        context.metrics().removeGauges();
    }

    private void shutDown() {
        applier.stop();
        try {
            applierThread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            commitToKafka(true);
            // a static member stays in the group after a plain close; leave, so that another instance takes over now
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        } catch (RuntimeException e) {
            LOG.debug("{} consumer close: {}", context.logPrefix(), e.toString());
        }
        deadLetters.close();
        session.close();
        processor.close();
    }
}
