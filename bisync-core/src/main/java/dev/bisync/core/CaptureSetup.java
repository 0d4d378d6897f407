package dev.bisync.core;

import dev.bisync.core.connect.ConnectRestClient;
import dev.bisync.api.BisyncException;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.internal.target.DialectResolver;
import dev.bisync.core.internal.lane.LaneAssembly;
import dev.bisync.core.internal.target.MarkerRow;
import dev.bisync.core.internal.target.TargetConnections;
import dev.bisync.spi.dialect.Capture;
import dev.bisync.spi.dialect.CaptureRequest;
import dev.bisync.spi.dialect.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Debezium connector configuration bisync needs on each side — echo filtering at capture, transaction
 * metadata, exact type handling, a short poll interval — generated from the sync's configuration, and checked
 * against a connector that already exists.
 *
 * <pre>{@code
 * CaptureSetup setup = new CaptureSetup(config);
 * Map<String, String> pg = setup.connectorConfig("postgres", new CaptureSettings("shop-pg", "db", 5432, "shop",
 *         "debezium", secret, 0, "initial"));
 * new ConnectRestClient("http://connect:8083").put("shop-pg", pg);
 * }</pre>
 */
public final class CaptureSetup {

    /** A list: the connector may name converters of its own besides bisync's. */
    private static final String CONVERTERS = "converters";

    private final SyncConfig config;
    private final DialectResolver dialects;

    public CaptureSetup(SyncConfig config) {
        this(config, new DialectResolver());
    }

    CaptureSetup(SyncConfig config, DialectResolver dialects) {
        this.config = config;
        this.dialects = dialects;
    }

    /**
     * The full connector configuration for one side. Connects to the side's database to pick its dialect, and creates
     * bisync's marker table there if it is missing: the connector captures it with the synced tables
     * ({@link dev.bisync.api.config.EchoMarking#MARKER_ROWS}), and a PostgreSQL publication made by the connector
     * holds only the tables that exist when it is made.
     */
    public Map<String, String> connectorConfig(String sideName, CaptureSettings settings) {
        SideConfig side = side(sideName);
        Dialect dialect = dialect(side, true);
        return new TreeMap<>(dialect.capture().connectorConfig(request(side, settings)));
    }

    /**
     * Problems that make an existing connector configuration unfit for bidirectional sync, one per setting, each
     * saying what it is and what it must be; empty when it fits. Secrets are never part of a message.
     */
    public List<String> check(String sideName, CaptureSettings settings, Map<String, String> existing) {
        SideConfig side = side(sideName);
        Capture capture = dialect(side, false).capture();
        Map<String, String> required = capture.requiredConnectorSettings(request(side, settings));
        List<String> problems = new ArrayList<>();
        new TreeMap<>(required).forEach((key, value) -> {
            String actual = existing.get(key);
            if (actual == null) {
                problems.add(key + " is not set: set it to '" + value + "'");
            } else if (key.equals(CONVERTERS)) {
                List<String> named = List.of(actual.replace(" ", "").split(","));
                List.of(value.split(",")).stream().filter(c -> !named.contains(c)).forEach(c -> problems.add(
                        CONVERTERS + " is '" + actual + "': it must also name bisync's '" + c + "'"));
            } else if (!actual.equals(value)) {
                problems.add(key + " is '" + actual + "': bisync needs '" + value + "'");
            }
        });
        problems.addAll(capture.checkConnector(existing));
        return problems;
    }

    private CaptureRequest request(SideConfig side, CaptureSettings s) {
        return new CaptureRequest(s.connectorName(), s.hostname(), s.port(), s.database(), side.namespace(),
                LaneAssembly.capturedTables(side), s.user(), s.password(), side.topicPrefix(), config.echo(),
                config.kafkaBootstrapServers(), s.connectorServerId(), s.snapshotMode());
    }

    private SideConfig side(String name) {
        if (config.sideA().name().equals(name)) {
            return config.sideA();
        }
        if (config.sideB().name().equals(name)) {
            return config.sideB();
        }
        throw new BisyncException("no side named '" + name + "': the sides are '" + config.sideA().name()
                + "' and '" + config.sideB().name() + "'");
    }

    private Dialect dialect(SideConfig side, boolean createMarkerTable) {
        try (Connection c = TargetConnections.open(side.database())) {
            Dialect dialect = dialects.resolve(side.database().jdbcUrl(), c);
            if (createMarkerTable) {
                MarkerRow.createTable(dialect, side.namespace(), c);
            }
            return dialect;
        } catch (SQLException e) {
            throw new BisyncException("cannot reach side '" + side.name() + "' database " + side.database() + ": "
                    + e.getMessage(), e);
        }
    }
}
