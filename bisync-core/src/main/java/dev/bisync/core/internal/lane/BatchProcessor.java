package dev.bisync.core.internal.lane;

import dev.bisync.api.RejectedValueException;
import dev.bisync.api.RetriableException;
import dev.bisync.core.internal.apply.BatchWriter;
import dev.bisync.api.config.ReferenceRule;
import dev.bisync.api.RowImage;
import dev.bisync.core.internal.apply.ParentRows;
import dev.bisync.core.internal.apply.ReferencingRows;
import dev.bisync.core.internal.apply.SourceRows;
import dev.bisync.core.internal.conflicts.ConflictLog;
import dev.bisync.core.internal.deadletter.DeadLetters;
import dev.bisync.core.internal.decode.Decoded;
import dev.bisync.core.internal.decode.RecordDecoder;
import dev.bisync.core.internal.decode.UndecodableRecordException;
import dev.bisync.core.internal.echo.EchoFilter;
import dev.bisync.core.internal.init.HandoverFilter;
import dev.bisync.core.internal.map.MappedChange;
import dev.bisync.core.internal.map.TableRouter;
import dev.bisync.core.internal.map.UnmappableChangeException;
import dev.bisync.core.internal.resolve.BatchResolver;
import dev.bisync.core.internal.resolve.CurrentRows;
import dev.bisync.core.internal.resolve.DecidedConflict;
import dev.bisync.core.internal.resolve.Resolution;
import dev.bisync.core.internal.resolve.Write;
import dev.bisync.core.internal.source.SubstitutionCheck;
import dev.bisync.core.internal.lane.DecodedBatch.Item;
import dev.bisync.core.internal.target.TargetSession;
import dev.bisync.spi.ConflictDecision;
import dev.bisync.spi.SyncListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * One batch through a lane's stages: {@link #decode} (decode, drop echoes, sort into source commit order) on the
 * consumer thread, then {@link #apply} (map, resolve, write, store the progress, commit: one target transaction) on
 * the applier thread.
 *
 * <p>A change that fails for its own data (unknown table or column, a value the column cannot hold, a constraint)
 * does not take the batch with it: the writes are split until the one at fault stands alone
 * ({@link WriteSplitter}). While such a change has attempts left the batch is rolled back and tried again
 * ({@link EventRetryException}); on its last attempt it is dead-lettered and the rest is committed. Every consumed
 * record leaves with exactly one {@link Outcome}; a batch in which one has none is not committed.
 */
final class BatchProcessor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

    private final LaneContext lane;
    private final RecordDecoder decoder;
    private final EchoFilter echoFilter;
    private final MarkedEchoes markedEchoes;
    private final HandoverFilter handover;
    private final TableRouter router;
    private final BatchResolver resolver;
    private final WriteSplitter writer;
    private final BatchProgress progress;
    private final TargetSession session;
    private final DeadLetters deadLetters;
    private final int eventAttempts;
    private final ConflictLog conflictLog;
    private final SubstitutionCheck substitutions;
    /** The conflicts of the batch being applied, told to meters, log and listeners once it commits. */
    private final List<Recorded> decided = new ArrayList<>();

    private record Recorded(DecidedConflict conflict, String table) {
    }

    private final SourceRows sourceRows;
    /** The mapped changes of the batch being applied (the writes name them by index). */
    private List<MappedChange> applying = List.of();

    /**
     * @param sourceRows the lane's source database, read to restore rows a foreign-key conflict settled by "the
     *                   insert wins" needs; closed with the processor
     * @param rules      each foreign-key relationship's rule, by child and parent table name
     * @param substitutions the check of values the source's connector sent in place of others; closed with the
     *                   processor
     */
    BatchProcessor(LaneContext lane, RecordDecoder decoder, EchoFilter echoFilter, HandoverFilter handover,
            TableRouter router, BatchResolver resolver, BatchWriter writer, BatchProgress progress,
            TargetSession session, DeadLetters deadLetters, int eventAttempts, ConflictLog conflictLog,
            SourceRows sourceRows, BiFunction<String, String, ReferenceRule> rules, SubstitutionCheck substitutions) {
        this.lane = lane;
        this.sourceRows = sourceRows;
        this.decoder = decoder;
        this.echoFilter = echoFilter;
        this.markedEchoes = new MarkedEchoes(echoFilter);
        this.handover = handover;
        this.router = router;
        this.resolver = resolver;
        ReferencingRows referencing = new ReferencingRows(lane.targetDialect(), session::statements);
        this.writer = new WriteSplitter(writer, lane.targetDialect(), referencing, new ParentRows(lane.targetDialect(),
                session::statements, referencing, router, sourceRows), rules, new CurrentRows(session::statements),
                write -> applying.get(write.change()).event().commitTime());
        this.progress = progress;
        this.session = session;
        this.deadLetters = deadLetters;
        this.eventAttempts = eventAttempts;
        this.conflictLog = conflictLog;
        this.substitutions = substitutions;
    }

    /** Decodes a polled batch and sorts its changes into source commit order (on the consumer thread). */
    DecodedBatch decode(ConsumerRecords<byte[], byte[]> records) {
        long t0 = System.nanoTime();
        List<Item> items = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Item item = new Item(record);
            decode(item);
            items.add(item);
        }
        return batchOf(items, t0);
    }

    /**
     * Decodes the records of a poll (on the consumer thread), except those {@code skip} names (transaction markers,
     * which the lane's {@link TransactionAssembler} reads).
     */
    List<Item> decodeItems(ConsumerRecords<byte[], byte[]> records, java.util.function.Predicate<Item> skip) {
        List<Item> items = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Item item = new Item(record);
            if (!skip.test(item)) {
                decode(item);
            }
            items.add(item);
        }
        return items;
    }

    /**
     * Makes echoes of the changes of released transactions that carry this sync's marker row (on the consumer thread,
     * before they form a batch).
     */
    void settleMarked(List<Item> released) {
        markedEchoes.settle(released);
    }

    /** A batch of decoded items, their changes sorted into source commit order. */
    static DecodedBatch batchOf(List<Item> items, long polledAt) {
        Map<TopicPartition, Long> next = new HashMap<>();
        List<Item> changes = new ArrayList<>();
        for (Item item : items) {
            next.merge(new TopicPartition(item.record.topic(), item.record.partition()), item.record.offset() + 1,
                    Math::max);
            if (item.outcome == null && item.undecodable == null) {
                changes.add(item);
            }
        }
        changes.sort(Comparator.comparing(i -> i.event.position()));
        return new DecodedBatch(items, changes, next, polledAt);
    }

    /**
     * Applies and commits one decoded batch (on the applier thread); returns the next offsets of the batch.
     *
     * @param mayWait whether a foreign-key violation may be answered with {@link MissingReferenceException} (the
     *                caller adds the next batch and tries again) rather than by dead-lettering the rows at fault
     * @throws MissingReferenceException a write referred to a row that a later change of the same source
     *                                   transaction may bring (nothing committed)
     * @throws EventRetryException       changes failed for their own data and have attempts left (nothing
     *                                   committed, nothing dead-lettered)
     * @throws Exception a failure that is not one event's fault (transient or fatal; the caller classifies and
     *                   retries or stops); the transaction is rolled back
     */
    Map<TopicPartition, Long> apply(DecodedBatch batch, boolean mayWait) throws Exception {
        List<Item> changes = SubstitutedChanges.admitted(substitutions, batch.changes());
        for (Item item : changes) {
            item.outcome = null; // a retried batch is decided afresh
            item.failure = null;
        }
        Connection connection = session.connection();
        decided.clear();
        try {
            apply(connection, changes, mayWait);
            retryIfAttemptsLeft(changes);
            for (Item item : batch.items()) {
                deadLetterIfFailed(item);
            }
            conflictLog.flush();
            deadLetters.flush();
            progress.store(batch);
            session.commit(!changes.isEmpty()); // a batch of echoes and markers only must not mark: see commit
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
            item.transactionKey = ((Decoded.Change) decoded).transactionKey();
            item.table = item.event.table().name();
            if (echoFilter.isMarker(item.event)) {
                item.outcome = Outcome.FILTERED; // its transaction's changes become echoes: see settleMarked
            } else if (echoFilter.isEcho(item.event)) {
                item.outcome = Outcome.ECHO;
            } else if (handover.alreadyCopied(item.event)) {
                item.outcome = Outcome.ALREADY_COPIED;
            }
        } catch (UndecodableRecordException e) {
            item.undecodable = e.getMessage();
        } catch (RuntimeException e) { // a record the decoder was not written for must not stop the lane
            item.undecodable = "topic " + item.record.topic() + ": the decoder failed on this record: " + e;
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
                fail(item, e.getClass().getSimpleName(), e.getMessage());
            } catch (RetriableException e) { // the host's TableMapper: tried again per eventAttempts, then dead-lettered
                fail(item, e.getClass().getSimpleName(), "the TableMapper failed for this change: " + e.getMessage());
            }
        }
        Resolution resolution = resolveWithoutRejected(connection, mapped, mappedItems);
        applying = mapped;
        for (int i = 0; i < mappedItems.size(); i++) {
            Item item = mappedItems.get(i);
            switch (resolution.verdicts()[i]) {
                case WRITE -> item.outcome = Outcome.APPLIED;
                case SKIP_EQUAL -> item.outcome = Outcome.SKIPPED_EQUAL;
                case KEEP_TARGET -> item.outcome = Outcome.CONFLICT_KEPT_TARGET;
                case PARK -> item.outcome = Outcome.CONFLICT_PARKED;
                case FAILED -> fail(item, "ConflictStrategyException", resolution.failures()[i]);
            }
        }
        // whole source transactions in commit order: a foreign key the target refuses now is a conflict, not a
        // parent still on its way; without transaction metadata (records not from bisync's connectors) it is
        // waited for, then the row's own failure
        boolean whole = !changes.isEmpty() && changes.stream().allMatch(i -> i.transactionKey != null);
        List<DecidedConflict> references = new ArrayList<>();
        writer.write(connection, resolution.writes(), mayWait && !whole, whole, mayWait, new WriteSplitter.Failures() {
            @Override
            public void failed(Write write, Exception e) {
                Exception error = e.getCause() instanceof SQLException cause && e instanceof BatchUpdateException
                        ? cause : e;
                String state = error instanceof SQLException sql ? " (SQLState " + sql.getSQLState() + ", error "
                        + sql.getErrorCode() + ")" : "";
                fail(mappedItems.get(write.change()), error.getClass().getSimpleName(), "writing "
                        + write.route().target().id() + " key " + write.key() + " failed: " + error.getMessage()
                        + state);
            }

            @Override
            public void missingReference(Write write, SQLException error) {
                mappedItems.get(write.change()).outcome = Outcome.CONFLICT_KEPT_TARGET;
                references.add(resolver.referenceConflict(write.change(), mapped.get(write.change()), null,
                        ReferenceRule.DELETE_WINS, ConflictDecision.keepTarget("a row it refers to by foreign key is "
                                + "not in " + resolver.targetSide() + " (deleted there): the delete wins, the row is "
                                + "not written")));
            }

            @Override
            public void removedReferring(Write write, Map<String, Integer> removed, RowImage target) {
                mappedItems.get(write.change()).outcome = Outcome.CONFLICT_KEPT_TARGET;
                references.add(resolver.referenceConflict(write.change(), mapped.get(write.change()), target,
                        ReferenceRule.DELETE_WINS, ConflictDecision.keepTarget("the row now refers by foreign key to "
                                + "a row that " + resolver.targetSide() + " deleted: the delete wins, the row is "
                                + "removed" + (removed.isEmpty() ? "" : " with " + removed))));
            }

            @Override
            public void removedReferencing(Write write, Map<String, Integer> removed, RowImage target) {
                if (!removed.isEmpty()) {
                    references.add(resolver.referenceConflict(write.change(), mapped.get(write.change()), target,
                            ReferenceRule.DELETE_WINS, ConflictDecision.apply("rows that " + resolver.targetSide()
                                    + " added referring to the deleted row were removed (the delete wins): "
                                    + removed)));
                }
            }

            @Override
            public void restoredReferenced(Write write, Map<String, Integer> restored) {
                references.add(resolver.referenceConflict(write.change(), mapped.get(write.change()), null,
                        ReferenceRule.INSERT_WINS, ConflictDecision.apply("rows it refers to by foreign key were "
                                + "deleted in " + resolver.targetSide() + ": the insert wins, restored from "
                                + resolver.sourceSide() + " " + restored + " and the row written")));
            }

            @Override
            public void keptReferenced(Write write, String relationships, RowImage target) {
                mappedItems.get(write.change()).outcome = Outcome.CONFLICT_KEPT_TARGET;
                references.add(resolver.referenceConflict(write.change(), mapped.get(write.change()), target,
                        ReferenceRule.INSERT_WINS, ConflictDecision.keepTarget("rows that " + resolver.targetSide()
                                + " added refer to it " + relationships + ": the insert wins, the row is kept (and "
                                + "restored in " + resolver.sourceSide() + " by the other lane)")));
            }

            @Override
            public void parkedReference(Write write, String reason, RowImage target) {
                mappedItems.get(write.change()).outcome = Outcome.CONFLICT_PARKED;
                references.add(resolver.referenceConflict(write.change(), mapped.get(write.change()), target,
                        ReferenceRule.PARK, ConflictDecision.park("foreign-key conflict: " + reason)));
            }
        });
        record(references, mapped, mappedItems);
        record(resolution.conflicts(), mapped, mappedItems);
    }

    /**
     * Resolves the batch; a change whose key the target's key column cannot hold (found when the current rows are
     * read) fails alone and the rest is resolved without it.
     */
    private Resolution resolveWithoutRejected(Connection connection, List<MappedChange> mapped, List<Item> items)
            throws SQLException {
        try {
            return resolver.resolve(connection, mapped);
        } catch (RejectedValueException batchError) {
            for (int i = mapped.size() - 1; i >= 0; i--) {
                try {
                    resolver.resolve(connection, List.of(mapped.get(i)));
                } catch (RejectedValueException e) {
                    fail(items.get(i), e.getClass().getSimpleName(), "reading the target row: " + e.getMessage());
                    mapped.remove(i);
                    items.remove(i);
                }
            }
            return resolver.resolve(connection, mapped);
        }
    }

    /**
     * Drops every route and all metadata read from the target (tables, columns, foreign keys), after a failure whose
     * cause may be a schema change.
     */
    void forgetAll() {
        router.forgetAll();
        writer.forgetAll();
    }

    /** Records that a change failed for its own data in this pass. */
    private void fail(Item item, String errorClass, String message) {
        item.outcome = Outcome.DEAD_LETTERED;
        item.failureClass = errorClass;
        item.failure = message;
    }

    /**
     * Counts an attempt for each change that failed in this (completed) pass, and ends the pass with
     * {@link EventRetryException} when one may be tried again. A pass cut short to wait for a foreign key or by a
     * transient failure counts no attempt.
     */
    private void retryIfAttemptsLeft(List<Item> changes) throws EventRetryException {
        int retried = 0;
        String first = null;
        for (Item item : changes) {
            if (item.failure != null && ++item.attempts < eventAttempts) {
                retried++;
                first = first != null ? first : item.failure + " (attempt " + item.attempts + " of " + eventAttempts
                        + ")";
            }
        }
        if (retried > 0) {
            throw new EventRetryException(retried + " change(s) failed for their data, trying again: " + first);
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

    private void deadLetterIfFailed(Item item) {
        if (item.undecodable != null) {
            item.outcome = Outcome.DEAD_LETTERED;
            deadLetter(item, UndecodableRecordException.class.getSimpleName(), item.undecodable, 1);
        } else if (item.substituted != null) {
            deadLetter(item, SubstitutedChanges.ERROR, item.substituted, 1);
        } else if (item.failure != null) {
            deadLetter(item, item.failureClass, item.failure, item.attempts);
        } else if (item.outcome == null) {
            throw new IllegalStateException("record " + item.record.topic() + "-" + item.record.partition() + "@"
                    + item.record.offset() + " has no outcome: a bug in bisync; the batch is not committed");
        }
    }

    private void deadLetter(Item item, String errorClass, String message, int attempts) {
        LOG.warn("{} dead-lettering {}-{}@{} after {} attempt(s): {}", lane.logPrefix(), item.record.topic(),
                item.record.partition(), item.record.offset(), attempts, message);
        deadLetters.send(item.record, errorClass, message, attempts);
    }

    private void account(List<Item> items, long t0) {
        long now = System.currentTimeMillis();
        int applied = 0;
        LaneMetrics metrics = lane.metrics();
        synchronized (metrics) { // read as one snapshot by BiSync.accounting()
            for (Item item : items) {
                metrics.count(item.table, item.outcome);
                if (item.substituted != null) {
                    metrics.substituted(item.table);
                }
                if (item.event != null) {
                    metrics.sourceCommit(item.event.commitTime().toEpochMilli());
                }
                if (item.outcome == Outcome.APPLIED) {
                    applied++;
                    metrics.latency(now - item.event.commitTime().toEpochMilli());
                }
            }
            metrics.consumed(items.size());
        }
        metrics.batch(items.size(), System.nanoTime() - t0);
        int consumed = items.size();
        int appliedRows = applied;
        for (SyncListener listener : lane.listeners()) {
            lane.notify(() -> listener.batchCommitted(lane.name(), consumed, appliedRows));
        }
    }

    /** Closes the connections to the source: the substitution check's and the foreign-key restores'. */
    @Override
    public void close() {
        substitutions.close();
        sourceRows.close();
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the session is reset by the caller
        }
    }
}
