package dev.bisync.core.internal.lane;

import dev.bisync.api.BisyncException;
import dev.bisync.api.SideConfig;
import dev.bisync.api.SyncConfig;
import dev.bisync.core.internal.apply.BatchWriter;
import dev.bisync.core.internal.conflicts.ConflictLog;
import dev.bisync.core.internal.consume.ChangeConsumers;
import dev.bisync.core.internal.apply.OffsetStore;
import dev.bisync.core.internal.deadletter.DeadLetterPublisher;
import dev.bisync.core.internal.decode.DebeziumDecoder;
import dev.bisync.core.internal.echo.EchoFilter;
import dev.bisync.core.internal.init.HandoverFilter;
import dev.bisync.core.internal.map.TableRouter;
import dev.bisync.core.internal.resolve.BatchResolver;
import dev.bisync.core.internal.resolve.CurrentRows;
import dev.bisync.core.internal.target.TargetCatalog;
import dev.bisync.core.internal.target.TargetSession;
import dev.bisync.spi.Dialect;
import io.micrometer.core.instrument.MeterRegistry;

import java.sql.SQLException;
import java.util.List;

/** Builds a lane from the sync's configuration: its stages, its consumer, its writer session. */
public final class LaneAssembly {

    private LaneAssembly() {
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
        String name = laneName(source, target);
        String logPrefix = "[" + config.name() + "/" + name + "]";
        LaneContext context = new LaneContext(name, logPrefix, targetDialect,
                new LaneMetrics(registry, config.name(), name), config.listeners());
        TargetSession session = new TargetSession(target.database(), targetDialect, config.echo(), logPrefix);
        TableRouter router = new TableRouter(config.tableMapper(), target.namespace(),
                new TargetCatalog(targetDialect), targetDialect);
        BatchResolver resolver = new BatchResolver(new CurrentRows(targetDialect, session::statements),
                config::conflictStrategy, config::conflictDetection, source.name(), target.name(), config.prioritySide().equals(source.name()));
        OffsetStore offsets = new OffsetStore(targetDialect, target.namespace(), name, session::statements);
        DeadLetterPublisher deadLetters = new DeadLetterPublisher(config.kafkaBootstrapServers(),
                config.kafkaProperties(), deadLetterTopic(config, name), name);
        BatchProcessor processor = new BatchProcessor(context, new DebeziumDecoder(),
                new EchoFilter(sourceDialect, config.echo()),
                handover(name, logPrefix, source, target, sourceDialect, targetDialect), router, resolver,
                new BatchWriter(targetDialect, session::statements), offsets, session, deadLetters,
                new ConflictLog(targetDialect, target.namespace(), name, session::statements));
        List<String> topics = source.tables().stream().map(source::topicFor).toList();
        Lane[] lane = new Lane[1];
        Applier applier = new Applier(context, processor, session, router, state -> lane[0].setState(state));
        lane[0] = new Lane(context, ChangeConsumers.create(config, name), topics, config.pollTimeout(), processor,
                applier, session, target.database(), offsets, deadLetters, "bisync-" + config.name() + "-" + name);
        return lane[0];
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
