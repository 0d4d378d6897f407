package dev.bisync.core;

import dev.bisync.api.BisyncException;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.internal.deadletter.DeadLetterReader;
import dev.bisync.core.internal.deadletter.ReplayMarks;
import dev.bisync.core.internal.deadletter.ReplayMarks.Original;
import dev.bisync.core.internal.lane.LaneAssembly;
import dev.bisync.core.internal.lane.Replayer;
import dev.bisync.core.internal.target.DialectResolver;
import dev.bisync.core.internal.target.TargetConnections;
import dev.bisync.spi.dialect.Dialect;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Re-applies a lane's dead-lettered records once their cause is fixed (a column added, a constraint relaxed, a
 * row the record refers to created): all of them, those of one table, or a range of dead-letter topic offsets.
 *
 * <pre>{@code
 * try (DeadLetterReplay replay = DeadLetterReplay.open(config, "mariadb-to-postgres")) {
 *     ReplayReport report = replay.replay(ReplaySelection.table("orders"));
 *     System.out.println(report);     // selected 3 = already replayed 0 + consumed 3 = applied 2 + ... + dead-lettered 1
 *     report.stillFailing().forEach(f -> System.out.println(f.deadLetterOffset() + " " + f.message()));
 * }
 * }</pre>
 *
 * <p>Each record goes through the lane's own stages (decode, echo filter, map, resolve with the table's conflict
 * strategy against the target row as it is now, write) and the lane's accounting. The records re-applied are
 * recorded in the target database ({@code bisync_replayed}, by original topic, partition and offset) in the same
 * transaction as their rows, so a record is re-applied once however often a replay runs and however many copies of
 * it the dead-letter topic holds. A record that fails again stays in the dead-letter topic (it is not sent again)
 * and is listed in the report with its new reason. The dead-letter topic itself is only read. A replay may run
 * while the sync runs. Not thread-safe: one replay at a time per instance.
 */
public final class DeadLetterReplay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);

    private final SyncConfig config;
    private final SideConfig source;
    private final String lane;
    private final String topic;
    private final Replayer replayer;
    private final DeadLetterReader reader;

    private DeadLetterReplay(SyncConfig config, SideConfig source, String lane, Replayer replayer) {
        this.config = config;
        this.source = source;
        this.lane = lane;
        this.topic = LaneAssembly.deadLetterTopic(config, lane);
        this.replayer = replayer;
        this.reader = new DeadLetterReader(config.kafkaBootstrapServers(), config.kafkaProperties(), topic,
                "bisync-replay-" + config.name() + "-" + lane, config.batchSize());
    }

    /** The names of the sync's lanes, e.g. {@code [mariadb-to-postgres, postgres-to-mariadb]}. */
    public static List<String> lanes(SyncConfig config) {
        return List.of(LaneAssembly.laneName(config.sideA(), config.sideB()),
                LaneAssembly.laneName(config.sideB(), config.sideA()));
    }

    /** A replay of one lane's dead letters, counted in a private meter registry. */
    public static DeadLetterReplay open(SyncConfig config, String lane) {
        return open(config, lane, new SimpleMeterRegistry());
    }

    /**
     * A replay of one lane's dead letters; its outcomes are counted in {@code registry} under the lane's meters.
     * Connects to both sides' databases (the source side's dialect recognises echoes) and creates
     * {@code bisync_replayed} on the target side if it is missing.
     *
     * @throws IllegalArgumentException when {@code lane} is not one of {@link #lanes(SyncConfig)}
     * @throws BisyncException          when a database cannot be reached or used; the message names the side and
     *                                  the setting to check, never a password
     */
    public static DeadLetterReplay open(SyncConfig config, String lane, MeterRegistry registry) {
        Objects.requireNonNull(config, "config");
        List<String> lanes = lanes(config);
        if (!lanes.contains(lane)) {
            throw new IllegalArgumentException("lane '" + lane + "' is not a lane of sync " + config.name()
                    + ": use one of " + lanes);
        }
        boolean aToB = lanes.get(0).equals(lane);
        SideConfig source = aToB ? config.sideA() : config.sideB();
        SideConfig target = aToB ? config.sideB() : config.sideA();
        Dialect sourceDialect = dialect(config, source, false);
        Dialect targetDialect = dialect(config, target, true);
        Replayer replayer = LaneAssembly.replayer(config, source, target, sourceDialect, targetDialect, registry);
        return new DeadLetterReplay(config, source, lane, replayer);
    }

    private static Dialect dialect(SyncConfig config, SideConfig side, boolean target) {
        try (Connection connection = TargetConnections.open(side.database())) {
            Dialect dialect = new DialectResolver().resolve(side.database().jdbcUrl(), connection);
            if (target) {
                ReplayMarks.createTable(dialect, side.namespace(), connection);
            }
            return dialect;
        } catch (SQLException e) {
            throw new BisyncException("[" + config.name() + "] cannot use side '" + side.name() + "' database "
                    + side.database() + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + "). Check the "
                    + "JDBC URL, user and password of side " + side.name()
                    + (target ? " and that the user may create " + ReplayMarks.table(side.namespace()) : ""), e);
        }
    }

    /** The lane's dead-letter topic. */
    public String topic() {
        return topic;
    }

    /**
     * Replays the selected dead letters that were not replayed before, in dead-letter order, one target
     * transaction per {@code batchSize} records.
     *
     * @throws IllegalArgumentException when the selection names a table the lane's source side does not sync
     * @throws BisyncException          when the target or the broker is unavailable or refuses bisync; what was
     *                                  committed before stays replayed, and running the replay again goes on
     */
    public ReplayReport replay(ReplaySelection selection) {
        Objects.requireNonNull(selection, "selection");
        if (selection.table() != null && !source.tables().contains(selection.table())) {
            throw new IllegalArgumentException("table '" + selection.table() + "' is not synced by lane " + lane
                    + ": use one of " + source.tables());
        }
        String onlyTopic = selection.table() == null ? null : source.topicFor(selection.table());
        LaneAccounting before = LaneAccounting.of(lane, replayer.metrics());
        try {
            Set<Original> replayed = replayer.replayed();
            long selected = 0;
            long already = 0;
            List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
            Map<Original, Long> dlqOffsets = new HashMap<>();
            List<ReplayReport.Failure> failures = new ArrayList<>();
            Set<Original> seen = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> letter : reader.read(selection.fromOffset(), selection.toOffset())) {
                Original original = DeadLetterReader.original(letter);
                if (original == null) {
                    LOG.warn("[{}/{}] {}-{}@{} is not a bisync dead letter (no original topic, partition and offset "
                            + "headers); left alone", config.name(), lane, letter.topic(), letter.partition(),
                            letter.offset());
                    continue;
                }
                if (onlyTopic != null && !onlyTopic.equals(original.topic())) {
                    continue;
                }
                selected++;
                if (replayed.contains(original) || !seen.add(original)) {
                    already++;
                    continue;
                }
                dlqOffsets.put(original, letter.offset());
                batch.add(new ConsumerRecord<>(original.topic(), original.partition(), original.offset(),
                        letter.key(), letter.value()));
                if (batch.size() >= config.batchSize()) {
                    apply(batch, dlqOffsets, failures);
                }
            }
            apply(batch, dlqOffsets, failures);
            ReplayReport report = new ReplayReport(lane, topic, selected, already,
                    LaneAccounting.of(lane, replayer.metrics()).since(before), failures);
            LOG.info("[{}/{}] replayed dead letters ({}): {}", config.name(), lane, selection, report);
            return report;
        } catch (BisyncException e) {
            throw new BisyncException("[" + config.name() + "/" + lane + "] " + e.getMessage(), e);
        } catch (Exception e) {
            throw new BisyncException("[" + config.name() + "/" + lane + "] replay of " + topic + " stopped: " + e
                    + ". What was replayed before is recorded in " + ReplayMarks.TABLE + "; run the replay again "
                    + "once the target database and Kafka are available", e);
        }
    }

    private void apply(List<ConsumerRecord<byte[], byte[]>> batch, Map<Original, Long> dlqOffsets,
            List<ReplayReport.Failure> failures) throws Exception {
        if (batch.isEmpty()) {
            return;
        }
        for (Replayer.Failure f : replayer.apply(batch)) {
            Original o = f.original();
            failures.add(new ReplayReport.Failure(dlqOffsets.get(o), o.topic() + "-" + o.partition() + "@" + o.offset(),
                    f.errorClass(), f.message()));
        }
        batch.clear();
    }

    @Override
    public void close() {
        reader.close();
        replayer.close();
    }
}
