package dev.bisync.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bisync.api.Alert;
import dev.bisync.core.BiSync;
import dev.bisync.core.report.ConnectorStatus;
import dev.bisync.core.report.LaneStatus;
import dev.bisync.core.report.SyncHealth;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's HTTP endpoints, on the JDK's own {@code com.sun.net.httpserver} (four read-only endpoints need no web
 * framework, and the JDK's server adds no dependency):
 * <ul>
 * <li>{@code /metrics}: every meter in the Prometheus text format (Micrometer's Prometheus registry);</li>
 * <li>{@code /health}: the sync's {@link SyncHealth} as JSON, HTTP 503 when DOWN;</li>
 * <li>{@code /status.json}: what the status page shows — lanes, health, lag, throughput, latency percentiles,
 * conflicts, dead letters, connectors, alerts;</li>
 * <li>{@code /}: the status page, which reloads {@code /status.json} every 2 s.</li>
 * </ul>
 */
public final class StatusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THROUGHPUT_WINDOW_S = 10;

    private final BiSync sync;
    private final PrometheusMeterRegistry registry;
    private final HttpServer server;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bisync-demo-throughput");
        t.setDaemon(true);
        return t;
    });
    /** Per lane: (epoch second, applied total) samples of the last window. */
    private final Map<String, Deque<long[]>> applied = new HashMap<>();

    /** Serves on {@code port} (0: any free port) of all interfaces. */
    public StatusServer(BiSync sync, PrometheusMeterRegistry registry, int port) throws IOException {
        this.sync = sync;
        this.registry = registry;
        this.server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/metrics", e -> send(e, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape()));
        server.createContext("/health", e -> {
            SyncHealth health = sync.health();
            send(e, health.isDown() ? 503 : 200, "application/json", JSON.writeValueAsString(health(health)));
        });
        server.createContext("/status.json", e -> send(e, 200, "application/json",
                JSON.writeValueAsString(status())));
        server.createContext("/", e -> {
            if (!"/".equals(e.getRequestURI().getPath())) {
                send(e, 404, "text/plain", "not found");
                return;
            }
            try (InputStream page = StatusServer.class.getResourceAsStream("status.html")) {
                send(e, 200, "text/html; charset=utf-8", new String(page.readAllBytes(), StandardCharsets.UTF_8));
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bisync-demo-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private synchronized void sample() {
        long now = System.currentTimeMillis() / 1000;
        for (LaneStatus lane : sync.status()) {
            Deque<long[]> h = applied.computeIfAbsent(lane.lane(), l -> new ArrayDeque<>());
            h.addLast(new long[] {now, lane.applied()});
            while (h.size() > THROUGHPUT_WINDOW_S + 1) {
                h.removeFirst();
            }
        }
    }

    /** Changes applied per second over the last window. */
    private synchronized double throughput(String lane) {
        Deque<long[]> h = applied.get(lane);
        if (h == null || h.size() < 2) {
            return 0;
        }
        long[] first = h.peekFirst();
        long[] last = h.peekLast();
        return last[0] == first[0] ? 0 : (double) (last[1] - first[1]) / (last[0] - first[0]);
    }

    private ObjectNode health(SyncHealth health) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", health.status().name());
        n.put("reason", health.reason());
        n.put("at", health.at().toString());
        ArrayNode lanes = n.putArray("lanes");
        for (LaneStatus l : health.lanes()) {
            lanes.addObject().put("lane", l.lane()).put("status", l.status().name()).put("reason", l.reason())
                    .put("applied", l.applied()).put("lagRecords", l.lagRecords()).put("lagSeconds", l.lagSeconds())
                    .put("deadLettered", l.deadLettered());
        }
        ArrayNode connectors = n.putArray("connectors");
        for (ConnectorStatus c : health.connectors()) {
            ObjectNode cn = connectors.addObject().put("name", c.name()).put("state", c.connectorState());
            c.taskStates().forEach(cn.putArray("tasks")::add);
        }
        ArrayNode alerts = n.putArray("alerts");
        for (Alert a : health.alerts()) {
            alerts.addObject().put("rule", a.rule().name()).put("subject", a.subject()).put("message", a.message())
                    .put("since", a.since().toString());
        }
        return n;
    }

    /** Everything the status page shows. */
    ObjectNode status() {
        ObjectNode n = health(sync.health());
        for (com.fasterxml.jackson.databind.JsonNode lane : n.path("lanes")) {
            ObjectNode l = (ObjectNode) lane;
            String name = l.path("lane").asText();
            l.put("throughput", Math.round(throughput(name) * 10) / 10.0);
            Timer latency = registry.find("bisync.latency").tag("lane", name).timer();
            ObjectNode ms = l.putObject("latencyMs");
            if (latency != null) {
                for (ValueAtPercentile p : latency.takeSnapshot().percentileValues()) {
                    ms.put("p" + Math.round(p.percentile() * 100), Math.round(p.value(TimeUnit.MILLISECONDS)));
                }
            }
            ObjectNode byDecision = l.putObject("conflicts");
            for (Counter c : registry.find("bisync.conflicts").tag("lane", name).counters()) {
                byDecision.put(c.getId().getTag("decision"), byDecision.path(c.getId().getTag("decision"))
                        .asLong() + (long) c.count());
            }
            ObjectNode outcomes = l.putObject("events");
            Map<String, Long> byOutcome = new TreeMap<>();
            for (Counter c : registry.find("bisync.events").tag("lane", name).counters()) {
                byOutcome.merge(c.getId().getTag("outcome"), (long) c.count(), Long::sum);
            }
            byOutcome.forEach(outcomes::put);
        }
        return n;
    }

    private static void send(HttpExchange e, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().set("Content-Type", type);
        e.getResponseHeaders().set("Cache-Control", "no-store");
        e.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The registry's meters, for callers that want them (the registry it scrapes). */
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        server.stop(0);
    }
}
