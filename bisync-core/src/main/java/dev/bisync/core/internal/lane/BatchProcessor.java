package dev.bisync.core.internal.lane;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.RejectedValueException;
import dev.bisync.core.internal.apply.BatchWriter;
import dev.bisync.core.internal.apply.OffsetStore;
import dev.bisync.core.internal.conflicts.ConflictLog;
import dev.bisync.core.internal.deadletter.DeadLetterPublisher;
import dev.bisync.core.internal.decode.Decoded;
import dev.bisync.core.internal.decode.DebeziumDecoder;
import dev.bisync.core.internal.decode.UndecodableRecordException;
import dev.bisync.core.internal.echo.EchoFilter;
import dev.bisync.core.internal.init.HandoverFilter;
import dev.bisync.core.internal.map.MappedChange;
import dev.bisync.core.internal.map.TableRouter;
import dev.bisync.core.internal.map.UnmappableChangeException;
import dev.bisync.core.internal.resolve.BatchResolver;
import dev.bisync.core.internal.resolve.DecidedConflict;
import dev.bisync.core.internal.resolve.Resolution;
import dev.bisync.core.internal.resolve.Write;
import dev.bisync.core.internal.lane.DecodedBatch.Item;
import dev.bisync.core.internal.target.TargetSession;
import dev.bisync.spi.Dialect;
import dev.bisync.spi.FailureKind;
import dev.bisync.spi.SyncListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch through a lane's stages: {@link #decode} (decode, drop echoes, sort into source commit order) on the
 * consumer thread, then {@link #apply} (map, resolve, write, store the offsets, commit: one target transaction) on
 * the applier thread. A write that fails for its own data is isolated (the batch
 * is replayed write by write under savepoints) and dead-lettered; the rest of the batch is applied.
 */
final class BatchProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

    private final LaneContext lane;
    private final DebeziumDecoder decoder;
    private final EchoFilter echoFilter;
    private final HandoverFilter handover;
    private final TableRouter router;
    private final BatchResolver resolver;
    private final BatchWriter writer;
    private final OffsetStore offsets;
    private final TargetSession session;
    private final DeadLetterPublisher deadLetters;
    private final ConflictLog conflictLog;
    /** The conflicts of the batch being applied, told to meters, log and listeners once it commits. */
    private final List<Recorded> decided = new ArrayList<>();

    private record Recorded(DecidedConflict conflict, String table) {
    }

    BatchProcessor(LaneContext lane, DebeziumDecoder decoder, EchoFilter echoFilter, HandoverFilter handover,
            TableRouter router,
            BatchResolver resolver, BatchWriter writer, OffsetStore offsets, TargetSession session,
            DeadLetterPublisher deadLetters, ConflictLog conflictLog) {
        this.lane = lane;
        this.decoder = decoder;
        this.echoFilter = echoFilter;
        this.handover = handover;
        this.router = router;
        this.resolver = resolver;
        this.writer = writer;
        this.offsets = offsets;
        this.session = session;
        this.deadLetters = deadLetters;
        this.conflictLog = conflictLog;
    }

    /** Decodes a polled batch and sorts its changes into source commit order (on the consumer thread). */
    DecodedBatch decode(ConsumerRecords<byte[], byte[]> records) {
        long t0 = System.nanoTime();
        Map<TopicPartition, Long> next = new HashMap<>();
        List<Item> items = new ArrayList<>(records.count());
        List<Item> changes = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
            Item item = new Item(record);
            items.add(item);
            decode(item);
            if (item.outcome == null && item.undecodable == null) {
                changes.add(item);
            }
        }
        changes.sort(Comparator.comparing(i -> i.event.position()));
        return new DecodedBatch(items, changes, next, t0);
    }

    /**
     * Applies and commits one decoded batch (on the applier thread); returns the next offsets it stored.
     *
     * @param mayWait whether a foreign-key violation may be answered with {@link MissingReferenceException} (the
     *                caller adds the next batch and tries again) rather than by dead-lettering the rows at fault
     * @throws MissingReferenceException a write referred to a row that a later change of the same source
     *                                   transaction may bring (nothing committed)
     * @throws Exception a failure that is not one event's fault (transient or fatal; the caller classifies and
     *                   retries or stops); the transaction is rolled back
     */
    Map<TopicPartition, Long> apply(DecodedBatch batch, boolean mayWait) throws Exception {
        for (Item item : batch.changes()) {
            item.outcome = null; // a retried batch is decided afresh
        }
        Connection connection = session.connection();
        decided.clear();
        try {
            for (Item item : batch.items()) {
                if (item.undecodable != null) {
                    deadLetter(item, UndecodableRecordException.class.getSimpleName(), item.undecodable);
                }
            }
            apply(connection, batch.changes(), mayWait);
            conflictLog.flush();
            deadLetters.flush();
            offsets.store(batch.next());
            connection.commit();
        } catch (Exception e) {
            conflictLog.discard();
            deadLetters.discardPending();
            rollback(connection);
            throw e;
        }
        tell(decided);
        account(batch.items(), batch.polledAt());
        return batch.next();
    }

    private void decode(Item item) {
        try {
            Decoded decoded = decoder.decode(item.record.topic(), item.record.key(), item.record.value());
            if (decoded instanceof Decoded.Skip) {
                item.outcome = Outcome.FILTERED;
                return;
            }
            item.event = ((Decoded.Change) decoded).event();
            item.table = item.event.table().name();
            if (echoFilter.isEcho(item.event)) {
                item.outcome = Outcome.ECHO;
            } else if (handover.alreadyCopied(item.event)) {
                item.outcome = Outcome.ALREADY_COPIED;
            }
        } catch (UndecodableRecordException e) {
            item.undecodable = e.getMessage();
        }
    }

    private void apply(Connection connection, List<Item> changes, boolean mayWait)
            throws SQLException, MissingReferenceException {
        List<MappedChange> mapped = new ArrayList<>(changes.size());
        List<Item> mappedItems = new ArrayList<>(changes.size());
        for (Item item : changes) {
            try {
                mapped.add(router.map(connection, item.event));
                mappedItems.add(item);
            } catch (UnmappableChangeException e) {
                deadLetter(item, e.getClass().getSimpleName(), e.getMessage());
            }
        }
        Resolution resolution = resolver.resolve(connection, mapped);
        for (int i = 0; i < mappedItems.size(); i++) {
            Item item = mappedItems.get(i);
            switch (resolution.verdicts()[i]) {
                case WRITE -> item.outcome = Outcome.APPLIED;
                case SKIP_EQUAL -> item.outcome = Outcome.SKIPPED_EQUAL;
                case KEEP_TARGET -> item.outcome = Outcome.CONFLICT_KEPT_TARGET;
                case PARK -> item.outcome = Outcome.CONFLICT_PARKED;
                case FAILED -> deadLetter(item, "ConflictStrategyException", resolution.failures()[i]);
            }
        }
        try {
            writer.write(resolution.writes());
        } catch (SQLException | RejectedValueException e) {
            if (e instanceof SQLException sql && lane.targetDialect().classify(sql) != FailureKind.PERMANENT) {
                throw sql;
            }
            if (mayWait && e instanceof SQLException sql && lane.targetDialect().isMissingReference(sql)) {
                throw new MissingReferenceException(sql);
            }
            connection.rollback();
            isolate(connection, resolution.writes(), mappedItems);
        }
        record(resolution.conflicts(), mapped, mappedItems);
    }

    /** Replays the writes one by one under savepoints; dead-letters the ones that fail for their own data. */
    private void isolate(Connection connection, List<Write> writes, List<Item> items) throws SQLException {
        Dialect dialect = lane.targetDialect();
        for (Write write : writes) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                writer.writeOne(write);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException | RejectedValueException e) {
                if (e instanceof SQLException sql && dialect.classify(sql) != FailureKind.PERMANENT) {
                    throw sql;
                }
                connection.rollback(savepoint);
                Item item = items.get(write.change());
                deadLetter(item, e.getClass().getSimpleName(), "writing " + write.route().target().id() + " key "
                        + write.key() + " failed: " + e.getMessage());
            }
        }
    }

    /** Adds the batch's conflicts to the conflict log (written with the batch) and keeps them to tell later. */
    private void record(List<DecidedConflict> conflicts, List<MappedChange> mapped, List<Item> items)
            throws SQLException {
        for (DecidedConflict c : conflicts) {
            Item item = items.get(c.change());
            conflictLog.add(c, mapped.get(c.change()), item.record.topic(),
                    item.record.partition(), item.record.offset());
            decided.add(new Recorded(c, item.table));
        }
    }

    /** Counts, logs and tells the listeners about the conflicts of a committed batch. */
    private void tell(List<Recorded> conflicts) {
        for (Recorded r : conflicts) {
            DecidedConflict c = r.conflict();
            lane.metrics().conflict(r.table(), c.decision().outcome().name().toLowerCase());
            LOG.info("{} conflict on {} key {}: {} by {} ({})", lane.logPrefix(), c.conflict().event().table(),
                    c.conflict().event().key(), c.decision().outcome(), c.strategy(), c.decision().reason());
            for (SyncListener listener : lane.listeners()) {
                lane.notify(() -> listener.conflictDecided(lane.name(), c.conflict(), c.decision()));
            }
        }
        conflicts.clear();
    }

    private void deadLetter(Item item, String errorClass, String message) {
        item.outcome = Outcome.DEAD_LETTERED;
        LOG.warn("{} dead-lettering {}-{}@{}: {}", lane.logPrefix(), item.record.topic(), item.record.partition(),
                item.record.offset(), message);
        deadLetters.send(item.record, errorClass, message, 1);
    }

    private void account(List<Item> items, long t0) {
        long now = System.currentTimeMillis();
        int applied = 0;
        LaneMetrics metrics = lane.metrics();
        for (Item item : items) {
            metrics.count(item.table, item.outcome);
            if (item.outcome == Outcome.APPLIED) {
                applied++;
                metrics.latency(now - item.event.commitTime().toEpochMilli());
            }
        }
        metrics.batch(items.size(), System.nanoTime() - t0);
        int consumed = items.size();
        int appliedRows = applied;
        for (SyncListener listener : lane.listeners()) {
            lane.notify(() -> listener.batchCommitted(lane.name(), consumed, appliedRows));
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the session is reset by the caller
        }
    }
}
