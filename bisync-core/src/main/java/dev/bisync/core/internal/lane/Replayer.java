package dev.bisync.core.internal.lane;

import dev.bisync.core.internal.deadletter.DeadLetters;
import dev.bisync.core.internal.deadletter.ReplayMarks;
import dev.bisync.core.internal.deadletter.ReplayMarks.Original;
import dev.bisync.core.internal.lane.DecodedBatch.Item;
import dev.bisync.core.internal.target.TargetSession;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-applies dead-lettered records through a lane's own stages (decode, echo filter, map, resolve, write) in one
 * target transaction per call, with the lane's accounting, and records each re-applied record in
 * {@link ReplayMarks} in that transaction instead of moving the lane's offsets. A record that fails again is not
 * sent to the dead-letter topic a second time (its copy is still there): it is returned with its new reason. Used
 * by one thread.
 */
public final class Replayer implements AutoCloseable {

    /** A record that failed again, with the reason. */
    public record Failure(Original original, String errorClass, String message) {
    }

    private final LaneContext context;
    private final TargetSession session;
    private final ReplayMarks marks;
    private final Collected failures;
    private final BatchProcessor processor;
    private final AutoCloseable decoder;

    Replayer(LaneContext context, TargetSession session, ReplayMarks marks, Collected failures,
            BatchProcessor processor, AutoCloseable decoder) {
        this.context = context;
        this.decoder = decoder;
        this.session = session;
        this.marks = marks;
        this.failures = failures;
        this.processor = processor;
    }

    /** How the processor's progress is stored: a mark for every record that did not fail again. */
    static BatchProgress progress(ReplayMarks marks) {
        return batch -> {
            List<Original> replayed = new ArrayList<>();
            for (Item item : batch.items()) {
                if (item.outcome != Outcome.DEAD_LETTERED) {
                    replayed.add(original(item.record));
                }
            }
            marks.store(replayed);
        };
    }

    /** The lane's meters and totals for this replay. */
    public LaneMetrics metrics() {
        return context.metrics();
    }

    /**
     * The records of the lane replayed so far (read over the replay's own connection). Also forgets the target's
     * metadata read by an earlier replay: the cause fixed since may be a column widened or added.
     */
    public Set<Original> replayed() throws SQLException {
        processor.forgetAll();
        Connection connection = session.connection();
        try {
            Set<Original> replayed = marks.load(connection);
            connection.commit();
            return replayed;
        } catch (SQLException e) {
            session.reset();
            throw e;
        }
    }

    /**
     * Re-applies records (given with their original topic, partition and offset) and commits.
     *
     * @return the records that failed again
     * @throws Exception a failure that is not one record's (the target or the broker is unavailable, or refuses
     *                   bisync): nothing of these records is committed
     */
    public List<Failure> apply(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            byPartition.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new ArrayList<>()).add(r);
        }
        failures.letters.clear();
        try {
            processor.apply(processor.decode(new ConsumerRecords<>(byPartition, Map.of())), false);
        } catch (Exception e) {
            session.reset();
            throw e;
        }
        return List.copyOf(failures.letters);
    }

    private static Original original(ConsumerRecord<byte[], byte[]> record) {
        return new Original(record.topic(), record.partition(), record.offset());
    }

    @Override
    public void close() {
        session.close();
        processor.close();
        try {
            decoder.close();
        } catch (Exception ignored) {
            // the decoder's source connection is only read
        }
    }

    /** The dead letters of a replay: kept for its report, not sent again. */
    static final class Collected implements DeadLetters {
        private final List<Failure> letters = new ArrayList<>();
        private final List<Failure> pending = new ArrayList<>();

        @Override
        public void send(ConsumerRecord<byte[], byte[]> record, String errorClass, String message, int attempts) {
            pending.add(new Failure(original(record), errorClass, message));
        }

        @Override
        public void flush() {
            letters.addAll(pending);
            pending.clear();
        }

        @Override
        public void discardPending() {
            pending.clear();
        }
    }
}
