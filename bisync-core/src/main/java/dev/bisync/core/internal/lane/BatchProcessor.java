package dev.bisync.core.internal.lane;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.RejectedValueException;
import dev.bisync.core.internal.apply.BatchWriter;
import dev.bisync.core.internal.apply.OffsetStore;
import dev.bisync.core.internal.deadletter.DeadLetterPublisher;
import dev.bisync.core.internal.decode.Decoded;
import dev.bisync.core.internal.decode.DebeziumDecoder;
import dev.bisync.core.internal.decode.UndecodableRecordException;
import dev.bisync.core.internal.echo.EchoFilter;
import dev.bisync.core.internal.map.MappedChange;
import dev.bisync.core.internal.map.TableRouter;
import dev.bisync.core.internal.map.UnmappableChangeException;
import dev.bisync.core.internal.resolve.BatchResolver;
import dev.bisync.core.internal.resolve.DecidedConflict;
import dev.bisync.core.internal.resolve.Resolution;
import dev.bisync.core.internal.resolve.Write;
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
 * One batch through a lane's stages: decode, drop echoes, map, sort into source commit order, resolve, apply,
 * store the offsets, commit — one target transaction. A write that fails for its own data is isolated (the batch
 * is replayed write by write under savepoints) and dead-lettered; the rest of the batch is applied.
 */
final class BatchProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

    private final LaneContext lane;
    private final DebeziumDecoder decoder;
    private final EchoFilter echoFilter;
    private final TableRouter router;
    private final BatchResolver resolver;
    private final BatchWriter writer;
    private final OffsetStore offsets;
    private final TargetSession session;
    private final DeadLetterPublisher deadLetters;

    BatchProcessor(LaneContext lane, DebeziumDecoder decoder, EchoFilter echoFilter, TableRouter router,
            BatchResolver resolver, BatchWriter writer, OffsetStore offsets, TargetSession session,
            DeadLetterPublisher deadLetters) {
        this.lane = lane;
        this.decoder = decoder;
        this.echoFilter = echoFilter;
        this.router = router;
        this.resolver = resolver;
        this.writer = writer;
        this.offsets = offsets;
        this.session = session;
        this.deadLetters = deadLetters;
    }

    /** A consumed record on its way through the batch. */
    private static final class Item {
        final ConsumerRecord<byte[], byte[]> record;
        ChangeEvent event;
        Outcome outcome;
        String table = "unknown";

        Item(ConsumerRecord<byte[], byte[]> record) {
            this.record = record;
        }
    }

    /**
     * Processes and commits one batch; returns the next offsets it stored.
     *
     * @throws SQLException a database failure that is not one event's fault (transient or fatal; the caller
     *                      classifies and retries or stops); the transaction is rolled back
     */
    Map<TopicPartition, Long> process(ConsumerRecords<byte[], byte[]> records) throws Exception {
        long t0 = System.nanoTime();
        Map<TopicPartition, Long> next = new HashMap<>();
        List<Item> items = new ArrayList<>(records.count());
        List<Item> changes = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
            Item item = new Item(record);
            items.add(item);
            decode(item);
            if (item.outcome == null) {
                changes.add(item);
            }
        }
        changes.sort(Comparator.comparing(i -> i.event.position()));
        Connection connection = session.connection();
        try {
            apply(connection, changes);
            deadLetters.flush();
            offsets.store(next);
            connection.commit();
        } catch (Exception e) {
            deadLetters.discardPending();
            rollback(connection);
            throw e;
        }
        account(items, t0);
        return next;
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
            }
        } catch (UndecodableRecordException e) {
            deadLetter(item, e.getClass().getSimpleName(), e.getMessage());
        }
    }

    private void apply(Connection connection, List<Item> changes) throws SQLException {
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
            connection.rollback();
            isolate(connection, resolution.writes(), mappedItems);
        }
        record(resolution.conflicts(), mappedItems);
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

    private void record(List<DecidedConflict> conflicts, List<Item> items) {
        for (DecidedConflict c : conflicts) {
            String table = items.get(c.change()).table;
            lane.metrics().conflict(table, c.decision().outcome().name().toLowerCase());
            LOG.info("{} conflict on {} key {}: {} ({})", lane.logPrefix(), c.conflict().event().table(),
                    c.conflict().event().key(), c.decision().outcome(), c.decision().reason());
            for (SyncListener listener : lane.listeners()) {
                lane.notify(() -> listener.conflictDecided(lane.name(), c.conflict(), c.decision()));
            }
        }
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
