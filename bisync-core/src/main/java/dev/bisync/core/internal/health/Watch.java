package dev.bisync.core.internal.health;

import dev.bisync.api.Health;
import dev.bisync.api.Alert;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.connect.ConnectRestClient;
import dev.bisync.core.report.ConnectorStatus;
import dev.bisync.core.report.LaneStatus;
import dev.bisync.core.report.SyncHealth;
import dev.bisync.core.internal.lane.Lane;
import dev.bisync.core.internal.lane.LaneState;
import dev.bisync.core.internal.lane.Outcome;
import dev.bisync.spi.SyncListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sync's watch thread ({@code bisync-<sync>-watch}): once a second it samples the lanes, every few seconds the
 * connectors' state through the Connect REST API (when configured), makes the sync's {@link SyncHealth}, and
 * evaluates the alert rules, telling the listeners of raised and cleared alerts on this thread. A lane's health is
 * its own state (retrying a transient failure, stopped) with the symptoms the alert rules found added: an open alert
 * whose rule {@link Alert.Rule#degradesLane() degrades its lane} makes a running lane DEGRADED, the alert's message
 * its reason.
 */
public final class Watch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watch.class);
    private static final long CONNECTOR_POLL_MS = 3_000;

    private final SyncConfig config;
    private final List<Lane> lanes;
    private final ConnectRestClient connect;
    private final AlertEvaluator alerts;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile List<ConnectorStatus> connectors = List.of();
    private volatile String connectProblem = "";
    private long lastConnectorPoll;

    private final java.util.function.LongSupplier verifyDrifted;

    public Watch(SyncConfig config, List<Lane> lanes) {
        this(config, lanes, () -> 0);
    }

    /** A watch that also raises {@code VERIFY_DRIFT} while {@code verifyDrifted} (the scheduled verify's) is above 0. */
    public Watch(SyncConfig config, List<Lane> lanes, java.util.function.LongSupplier verifyDrifted) {
        this.verifyDrifted = verifyDrifted;
        this.config = config;
        this.lanes = lanes;
        this.connect = config.connectUrl() == null ? null : new ConnectRestClient(config.connectUrl(), java.time.Duration.ofSeconds(5));
        this.alerts = new AlertEvaluator(config.alertRules());
        this.thread = new Thread(this::run, "bisync-" + config.name() + "-watch");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                tick();
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("[{}] watch: {}", config.name(), e.toString());
            }
        }
    }

    /** One round: connectors (every few seconds), lanes, alerts. */
    void tick() {
        long now = System.currentTimeMillis();
        if (connect != null && now - lastConnectorPoll >= CONNECTOR_POLL_MS) {
            lastConnectorPoll = now;
            pollConnectors();
        }
        List<LaneSample> samples = new ArrayList<>();
        for (Lane lane : lanes) {
            long deadLetters = lane.metrics().total(Outcome.DEAD_LETTERED);
            samples.add(new LaneSample(lane.name(), lane.state().status(), lane.state().reason(),
                    lane.lagRecords(), lane.lagSeconds(), deadLetters, deadLetters, lane.metrics().retriesTotal(),
                    lane.metrics().total(Outcome.CONFLICT_PARKED), lane.metrics().consumedTotal(),
                    lane.metrics().substitutedTotal()));
        }
        AlertEvaluator.Changes changes = alerts.evaluate(Instant.ofEpochMilli(now), samples, connectors,
                verifyDrifted.getAsLong());
        for (Alert a : changes.raised()) {
            LOG.warn("[{}] alert {} raised: {}", config.name(), a.rule(), a.message());
            tell(l -> l.alertRaised(a));
        }
        for (Alert a : changes.cleared()) {
            LOG.info("[{}] alert {} cleared: {}", config.name(), a.rule(), a.subject());
            tell(l -> l.alertCleared(a));
        }
    }

    private void pollConnectors() {
        List<ConnectorStatus> states = new ArrayList<>();
        try {
            for (Map.Entry<String, String> e : config.connectors().entrySet()) {
                states.add(connect.status(e.getValue()));
            }
            connectors = states;
            connectProblem = "";
        } catch (RuntimeException e) {
            connectProblem = "Connect REST API " + config.connectUrl() + " unreachable: " + e.getMessage();
        }
    }

    private void tell(java.util.function.Consumer<SyncListener> call) {
        for (SyncListener l : config.listeners()) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("[{}] a SyncListener threw on an alert; ignored", config.name(), e);
            }
        }
    }

    /** The sync's health now. */
    public SyncHealth health() {
        List<Alert> open = alerts.openSnapshot();
        List<LaneStatus> laneStates = lanes.stream().map(l -> status(l, open)).toList();
        List<String> down = new ArrayList<>();
        List<String> degraded = new ArrayList<>();
        for (LaneStatus s : laneStates) {
            switch (s.status()) {
                case UP -> { }
                case DOWN -> down.add("lane " + s.lane() + " DOWN: " + s.reason());
                default -> degraded.add("lane " + s.lane() + " " + s.status() + ": " + s.reason());
            }
        }
        for (ConnectorStatus c : connectors) {
            if (c.failed() || "MISSING".equals(c.connectorState())) {
                down.add("connector " + c.name() + " " + c.connectorState() + ", tasks " + c.taskStates());
            } else if (!c.running()) {
                degraded.add("connector " + c.name() + " " + c.connectorState() + ", tasks " + c.taskStates());
            }
        }
        if (!connectProblem.isEmpty()) {
            degraded.add(connectProblem);
        }
        Health status = !down.isEmpty() ? Health.DOWN : !degraded.isEmpty() ? Health.DEGRADED : Health.UP;
        List<String> reasons = new ArrayList<>(down);
        reasons.addAll(degraded);
        return new SyncHealth(status, String.join("; ", reasons), laneStates, connectors, open, Instant.now());
    }

    /** Each lane's health now. */
    public List<LaneStatus> lanes() {
        List<Alert> open = alerts.openSnapshot();
        return lanes.stream().map(l -> status(l, open)).toList();
    }

    /** One lane's health: its own state, DEGRADED by the symptoms among the open alerts unless it is DOWN. */
    private static LaneStatus status(Lane lane, List<Alert> open) {
        Health status = lane.state().status();
        List<String> reasons = new ArrayList<>();
        if (!lane.state().reason().isEmpty()) {
            reasons.add(lane.state().reason());
        }
        if (lane.state().status() != Health.DOWN) {
            for (Alert a : open) {
                if (a.rule().degradesLane() && a.subject().equals(lane.name())) {
                    status = Health.DEGRADED;
                    reasons.add(a.message());
                }
            }
        }
        return new LaneStatus(lane.name(), status, String.join("; ", reasons), lane.metrics().total(Outcome.APPLIED),
                lane.lagRecords(), lane.lagSeconds(), lane.metrics().total(Outcome.DEAD_LETTERED));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
