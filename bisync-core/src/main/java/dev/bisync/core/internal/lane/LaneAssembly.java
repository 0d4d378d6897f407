package dev.bisync.core.internal.lane;

import dev.bisync.api.BisyncException;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.apply.BatchWriter;
import dev.bisync.core.internal.conflicts.ConflictLog;
import dev.bisync.core.internal.consume.ChangeConsumers;
import dev.bisync.core.internal.apply.OffsetStore;
import dev.bisync.core.internal.apply.SourceRows;
import dev.bisync.core.internal.deadletter.DeadLetterPublisher;
import dev.bisync.core.internal.deadletter.DeadLetters;
import dev.bisync.core.internal.deadletter.ReplayMarks;
import dev.bisync.core.internal.decode.DebeziumDecoder;
import dev.bisync.core.internal.decode.RecordDecoder;
import dev.bisync.core.internal.echo.EchoFilter;
import dev.bisync.core.internal.init.HandoverFilter;
import dev.bisync.core.internal.init.InitLetterDecoder;
import dev.bisync.core.internal.map.TableRouter;
import dev.bisync.core.internal.resolve.BatchResolver;
import dev.bisync.core.internal.resolve.CurrentRows;
import dev.bisync.core.internal.source.SubstitutionCheck;
import dev.bisync.core.internal.tables.OwnTable;
import dev.bisync.core.internal.target.TargetCatalog;
import dev.bisync.core.internal.target.TargetSession;
import dev.bisync.spi.dialect.Dialect;
import io.micrometer.core.instrument.MeterRegistry;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds a lane from the sync's configuration: its stages, its consumer, its writer session; and a replayer of its
 * dead letters from the same stages.
 */
public final class LaneAssembly {

    /** The most events of one source transaction held back to apply it whole; a larger one goes in pieces. */
    static final int MAX_TRANSACTION_EVENTS = 20_000;

    private LaneAssembly() {
    }

    /**
     * The tables of {@code side} that its connector captures and the lane reading it consumes: the synced tables and
     * bisync's marker table ({@link dev.bisync.api.config.EchoMarking#MARKER_ROWS}), whose changes only mark
     * transactions as bisync's own and are never applied.
     */
    public static List<String> capturedTables(SideConfig side) {
        List<String> tables = new java.util.ArrayList<>(side.tables());
        tables.add(OwnTable.ECHO_MARKS.name());
        return List.copyOf(tables);
    }

    /** The name of the lane from {@code source} to {@code target}. */
    public static String laneName(SideConfig source, SideConfig target) {
        return source.name() + "-to-" + target.name();
    }

    /** The dead-letter topic of a lane. */
    public static String deadLetterTopic(SyncConfig config, String lane) {
        return "bisync." + config.name() + "." + lane + ".dlq";
    }

    /** A lane that applies {@code source}'s changes to {@code target}; not started. */
    public static Lane create(SyncConfig config, SideConfig source, SideConfig target, Dialect sourceDialect,
            Dialect targetDialect, MeterRegistry registry) {
        Stages stages = new Stages(config, source, target, targetDialect, registry);
        String name = stages.context.name();
        OffsetStore offsets = new OffsetStore(targetDialect, target.namespace(), name, stages.session::statements);
        DeadLetterPublisher deadLetters = new DeadLetterPublisher(config.kafkaBootstrapServers(),
                config.kafkaProperties(), deadLetterTopic(config, name), name);
        BatchProcessor processor = stages.processor(new DebeziumDecoder(), sourceDialect,
                handover(name, stages.context.logPrefix(), source, target, sourceDialect, targetDialect),
                batch -> offsets.store(batch.next()), deadLetters, config.eventAttempts());
        List<String> topics = capturedTables(source).stream().map(source::topicFor).toList();
        Lane[] lane = new Lane[1];
        Applier applier = new Applier(stages.context, processor, stages.session,
                state -> lane[0].setState(state), "side '" + target.name() + "' (" + target.database() + ")");
        TransactionAssembler transactions = new TransactionAssembler(source.topicPrefix() + ".transaction",
                capturedTables(source).stream().map(t -> source.namespace() + "." + t).collect(Collectors.toSet()),
                sourceDialect.name().startsWith("PostgreSQL"), MAX_TRANSACTION_EVENTS,
                stages.context.logPrefix(), stages.context.metrics());
        lane[0] = new Lane(stages.context, ChangeConsumers.create(config, name), topics, config.pollTimeout(),
                config.batchSize(), processor, applier, stages.session, target.database(), offsets, deadLetters,
                transactions, "bisync-" + config.name() + "-" + name);
        stages.context.metrics().lagGauges(lane[0]);
        return lane[0];
    }

    /**
     * A replayer of the dead letters of the lane from {@code source} to {@code target}: the lane's stages with
     * progress kept in {@link ReplayMarks} and one attempt per record (the operator fixed the cause; a record that
     * still fails is reported at once). The initial copy's dead letters are decoded by reading their rows again from
     * the source ({@link InitLetterDecoder}).
     */
    public static Replayer replayer(SyncConfig config, SideConfig source, SideConfig target, Dialect sourceDialect,
            Dialect targetDialect, MeterRegistry registry) {
        Stages stages = new Stages(config, source, target, targetDialect, registry);
        ReplayMarks marks = new ReplayMarks(targetDialect, target.namespace(), stages.context.name(),
                stages.session::statements);
        Replayer.Collected failures = new Replayer.Collected();
        InitLetterDecoder decoder = new InitLetterDecoder(new DebeziumDecoder(), source, sourceDialect,
                stages.context.logPrefix());
        BatchProcessor processor = stages.processor(decoder, sourceDialect, HandoverFilter.none(),
                Replayer.progress(marks), failures, 1);
        return new Replayer(stages.context, stages.session, marks, failures, processor, decoder);
    }

    /** The parts a lane and a replayer of its dead letters share. */
    private static final class Stages {
        final SyncConfig config;
        final SideConfig source;
        final SideConfig target;
        final Dialect targetDialect;
        final LaneContext context;
        final TargetSession session;
        final TableRouter router;
        final Set<TableId> sourceTables;

        Stages(SyncConfig config, SideConfig source, SideConfig target, Dialect targetDialect, MeterRegistry registry) {
            this.config = config;
            this.source = source;
            this.target = target;
            this.targetDialect = targetDialect;
            String name = laneName(source, target);
            String logPrefix = "[" + config.name() + "/" + name + "]";
            this.context = new LaneContext(name, logPrefix, targetDialect,
                    new LaneMetrics(registry, config.name(), name), config.listeners());
            this.session = new TargetSession(target, targetDialect, config.echo(), logPrefix);
            this.sourceTables = source.tables().stream().map(t -> new TableId(source.namespace(), t))
                    .collect(Collectors.toSet());
            this.router = new TableRouter(sourceTables, config.tableMapper(), target.namespace(),
                    new TargetCatalog(targetDialect), targetDialect);
        }

        BatchProcessor processor(RecordDecoder decoder, Dialect sourceDialect, HandoverFilter handover,
                BatchProgress progress, DeadLetters deadLetters, int eventAttempts) {
            BatchResolver resolver = new BatchResolver(new CurrentRows(session::statements),
                    config::conflictStrategy, config::conflictDetection, source.name(), target.name(),
                    config.prioritySide().equals(source.name()));
            EchoFilter echoes = new EchoFilter(sourceDialect, config.echo(), source.namespace());
            return new BatchProcessor(context, decoder, echoes,
                    handover, router, resolver, new BatchWriter(session::statements), progress, session,
                    deadLetters, eventAttempts, new ConflictLog(targetDialect, target.namespace(), context.name(),
                    session::statements), new SourceRows(source.database(), sourceDialect, source.name(),
                    source.namespace()),
                    config::referenceRule, SubstitutionCheck.of(sourceDialect, source.database(), sourceTables,
                    source.name(), context.logPrefix()));
        }
    }

    private static HandoverFilter handover(String lane, String logPrefix, SideConfig source, SideConfig target,
            Dialect sourceDialect, Dialect targetDialect) {
        try {
            return HandoverFilter.load(lane, logPrefix, source.tables(), target.database(), target.namespace(),
                    targetDialect, sourceDialect);
        } catch (SQLException e) {
            throw new BisyncException(logPrefix + " cannot read the initial copy's progress in side " + target.name()
                    + ": " + e.getMessage(), e);
        }
    }
}
