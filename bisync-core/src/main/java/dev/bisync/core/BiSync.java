package dev.bisync.core;

import dev.bisync.core.connect.ConnectRestClient;
import dev.bisync.core.report.SyncHealth;
import dev.bisync.core.report.LaneStatus;
import dev.bisync.api.Health;
import dev.bisync.api.BisyncException;
import dev.bisync.api.config.ConfigException;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.apply.OffsetStore;
import dev.bisync.core.internal.conflicts.ConflictLog;
import dev.bisync.core.internal.health.Watch;
import dev.bisync.core.internal.verify.ScheduledVerify;
import dev.bisync.core.internal.lane.Lane;
import dev.bisync.core.internal.lane.LaneAssembly;
import dev.bisync.core.internal.target.DialectResolver;
import dev.bisync.core.internal.target.MarkerRow;
import dev.bisync.core.internal.target.TargetConnections;
import dev.bisync.core.internal.tables.OwnTable;
import dev.bisync.spi.dialect.Dialect;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;

/**
 * A running bidirectional sync: two lanes, one per direction.
 *
 * <pre>{@code
 * SyncConfig config = SyncConfig.builder().name("shop")
 *         .kafkaBootstrapServers("kafka:9092")
 *         .sideA(new SideConfig("mariadb", DatabaseConfig.of(mariaUrl, "bisync", pw1), "shop", "mariadb", tables))
 *         .sideB(new SideConfig("postgres", DatabaseConfig.of(pgUrl, "bisync", pw2), "public", "pg", tables))
 *         .build();
 * try (BiSync sync = BiSync.builder(config).meterRegistry(registry).start()) {
 *     ...
 * }
 * }</pre>
 *
 * {@link Builder#start()} connects to both databases, picks their dialects, creates the offsets tables, reports
 * the echo prevention in use, and starts the lanes. Thread-safe.
 */
public final class BiSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BiSync.class);

    private final SyncConfig config;
    private final List<Lane> lanes;
    private final Watch watch;
    private final ScheduledVerify verify;

    private BiSync(SyncConfig config, List<Lane> lanes, Watch watch, ScheduledVerify verify) {
        this.config = config;
        this.lanes = lanes;
        this.watch = watch;
        this.verify = verify;
    }

    /** A builder for a sync with this (already validated) configuration. */
    public static Builder builder(SyncConfig config) {
        return new Builder(Objects.requireNonNull(config, "config"));
    }

    /** The configuration. */
    public SyncConfig config() {
        return config;
    }

    /** The health of each lane (its own state, DEGRADED by the symptoms the alert rules found: {@link dev.bisync.api.config.AlertRules}). */
    public List<LaneStatus> status() {
        return watch.lanes();
    }

    /**
     * The health of the whole sync: the lanes, the Debezium connectors (when {@code SyncConfig.Builder.connect} names
     * them) and the open alerts.
     */
    public SyncHealth health() {
        return watch.health();
    }

    /** What became of the records each lane consumed: consumed = applied + skipped-equal + ... + dead-lettered. */
    public List<LaneAccounting> accounting() {
        return lanes.stream().map(l -> LaneAccounting.of(l.name(), l.metrics())).toList();
    }

    /** Stops both lanes; waits for them to finish their current batch. */
    @Override
    public void close() {
        if (verify != null) {
            verify.close();
        }
        watch.close();
        lanes.forEach(Lane::close);
        LOG.info("[{}] stopped", config.name());
    }

    /** Configures how a sync runs. */
    public static final class Builder {
        private final SyncConfig config;
        private MeterRegistry registry = new SimpleMeterRegistry();
        private DialectResolver dialects = new DialectResolver();

        private Builder(SyncConfig config) {
            this.config = config;
        }

        /** Where the lanes' meters go; default a private {@link SimpleMeterRegistry}. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Connects, prepares both databases and starts both lanes.
         *
         * @throws ConfigException when a database's capture would not give bisync full before-images (e.g. a
         *                         PostgreSQL table without REPLICA IDENTITY FULL), listing every such problem and
         *                         its fix
         * @throws BisyncException when a database cannot be reached or used; the message names the side and the
         *                         setting to check, never a password
         */
        public BiSync start() {
            List<String> problems = new ArrayList<>();
            Dialect dialectA = prepare(config.sideA(), problems);
            Dialect dialectB = prepare(config.sideB(), problems);
            checkConnectors(problems);
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            List<Lane> lanes = new ArrayList<>();
            lanes.add(LaneAssembly.create(config, config.sideA(), config.sideB(), dialectA, dialectB, registry));
            lanes.add(LaneAssembly.create(config, config.sideB(), config.sideA(), dialectB, dialectA, registry));
            lanes.forEach(Lane::start);
            ScheduledVerify verify = config.verifySchedule().enabled() ? new ScheduledVerify(config, registry) : null;
            Watch watch = new Watch(config, lanes, verify == null ? () -> 0 : verify::drifted);
            watch.start();
            if (verify != null) {
                verify.start();
                LOG.info("[{}] verifying both sides every {}", config.name(), config.verifySchedule().interval());
            }
            LOG.info("[{}] started: {} <-> {}", config.name(), config.sideA().name(), config.sideB().name());
            return new BiSync(config, lanes, watch, verify);
        }

        /**
         * When the configuration names the sides' Debezium connectors (and the Connect REST URL), checks their
         * running configurations against what bidirectional sync needs ({@link CaptureSetup#check}): a connector that
         * would echo bisync's own writes, lose type fidelity or omit transaction metadata refuses the start, each
         * setting named with the value it needs. Connect not answering is not fatal here (the health reports it).
         */
        private void checkConnectors(List<String> problems) {
            if (config.connectUrl() == null || config.connectors().isEmpty()) {
                return;
            }
            ConnectRestClient connect = new ConnectRestClient(config.connectUrl(), Duration.ofSeconds(10));
            CaptureSetup setup = new CaptureSetup(config, dialects);
            config.connectors().forEach((side, connector) -> {
                Map<String, String> existing;
                try {
                    existing = connect.config(connector);
                } catch (RuntimeException e) {
                    LOG.warn("[{}] cannot read the configuration of connector {} ({}); not checked",
                            config.name(), connector, e.getMessage());
                    return;
                }
                if (existing == null) {
                    problems.add(side + ": connector " + connector + " does not exist in Kafka Connect at "
                            + config.connectUrl() + ": register it (CaptureSetup.connectorConfig) or fix its name");
                    return;
                }
                CaptureSettings settings = new CaptureSettings(connector, existing.getOrDefault("database.hostname",
                        "?"), port(existing.get("database.port")), existing.getOrDefault("database.dbname", ""),
                        existing.getOrDefault("database.user", "?"), "", serverId(existing.get("database.server.id")),
                        existing.getOrDefault("snapshot.mode", "no_data"));
                setup.check(side, settings, existing).forEach(p -> problems.add(side + ": connector " + connector
                        + " is not fit for bidirectional sync: " + p));
            });
        }

        private static int port(String text) {
            try {
                return text == null ? 0 : Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private static long serverId(String text) {
            try {
                return text == null ? 0 : Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        /** Picks the side's dialect, creates its offsets table, and adds what keeps its capture from serving. */
        private Dialect prepare(SideConfig side, List<String> problems) {
            try (Connection connection = TargetConnections.open(side.database())) {
                Dialect dialect = dialects.resolve(side.database().jdbcUrl(), connection);
                List<TableId> tables = side.tables().stream().map(t -> new TableId(side.namespace(), t)).toList();
                dialect.capture().checkCapture(connection, tables).forEach(p -> problems.add(side.name() + ": " + p));
                dialect.catalog().checkKeyEquality(connection, tables).forEach(note -> LOG.warn("[{}] {}: {}", config.name(),
                        side.name(), note));
                OffsetStore.createTable(dialect, side.namespace(), connection);
                ConflictLog.createTable(dialect, side.namespace(), connection);
                MarkerRow.createTable(dialect, side.namespace(), connection);
                Optional<String> markerRows = MarkerRow.chosen(side, dialect, connection, config.echo());
                LOG.info("[{}] {}: {}; echo prevention: {}", config.name(), side.name(), dialect.name(),
                        markerRows.isEmpty() ? dialect.writers().describe(config.echo()) : "marker rows in "
                                + side.namespace() + "." + OwnTable.ECHO_MARKS.name() + ", one bump per transaction "
                                + "bisync writes, captured by the connector and recognised by the other lane through "
                                + "the transaction metadata: " + markerRows.get());
                if (markerRows.isPresent()) {
                    dialect.capture().checkMarkerCapture(connection, tables, new TableId(side.namespace(),
                            OwnTable.ECHO_MARKS.name())).forEach(p -> LOG.warn("[{}] {}: {}", config.name(),
                            side.name(), p));
                }
                return dialect;
            } catch (SQLException e) {
                throw new BisyncException("cannot use side '" + side.name() + "' database " + side.database()
                        + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + "). Check the JDBC URL, user and "
                        + "password of side " + side.name() + " and that the user may create "
                        + side.namespace() + "." + OffsetStore.TABLE, e);
            }
        }
    }

    /** Waits until every lane is UP, or fails with the lanes' states. For tests and start-up scripts. */
    public void awaitUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status().stream().allMatch(s -> s.status() == Health.UP)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new BisyncException("[" + config.name() + "] lanes not UP after " + timeout + ": " + status());
    }
}
