package dev.bisync.core.connect;

import dev.bisync.core.report.ConnectorStatus;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bisync.api.BisyncException;
import dev.bisync.api.RetriableException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Registers connectors with a Kafka Connect worker and reads their state, over its REST API. Thread-safe.
 */
public final class ConnectRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Duration requestTimeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param baseUrl the worker's REST URL, e.g. {@code http://connect:8083} */
    public ConnectRestClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(60));
    }

    /**
     * @param baseUrl        the worker's REST URL
     * @param requestTimeout how long one request may take
     */
    public ConnectRestClient(String baseUrl, Duration requestTimeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.requestTimeout = requestTimeout;
    }

    /** Pauses the connector (its tasks stop reading until {@link #resume}). */
    public void pause(String name) {
        body(send("PUT", "/connectors/" + encode(name) + "/pause", null));
    }

    /** Resumes a paused connector. */
    public void resume(String name) {
        body(send("PUT", "/connectors/" + encode(name) + "/resume", null));
    }

    /**
     * Creates the connector or replaces its configuration; waits out a rebalance of the worker group (HTTP 409)
     * for up to 30 s.
     */
    public void put(String name, Map<String, String> config) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> r = send("PUT", "/connectors/" + encode(name) + "/config", write(config));
            if (r.statusCode() == 200 || r.statusCode() == 201) {
                return;
            }
            if (r.statusCode() != 409 || System.nanoTime() > deadline) {
                throw new BisyncException("Kafka Connect at " + baseUrl + " refused connector " + name + ": HTTP "
                        + r.statusCode() + " " + r.body());
            }
            pause(250);
        }
    }

    /** The connector's configuration, or null when Connect does not know it. */
    public Map<String, String> config(String name) {
        HttpResponse<String> r = send("GET", "/connectors/" + encode(name) + "/config", null);
        if (r.statusCode() == 404) {
            return null;
        }
        try {
            return JSON.readValue(body(r), new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new BisyncException("unreadable config of connector " + name + ": " + e.getMessage(), e);
        }
    }

    /** The connector's state; {@code MISSING} when Connect does not know it. */
    public ConnectorStatus status(String name) {
        HttpResponse<String> r = send("GET", "/connectors/" + encode(name) + "/status", null);
        if (r.statusCode() == 404) {
            return new ConnectorStatus(name, "MISSING", List.of(), "");
        }
        try {
            JsonNode n = JSON.readTree(body(r));
            List<String> tasks = new ArrayList<>();
            String trace = n.path("connector").path("trace").asText("");
            for (JsonNode task : n.path("tasks")) {
                tasks.add(task.path("state").asText());
                if (trace.isEmpty()) {
                    trace = task.path("trace").asText("");
                }
            }
            return new ConnectorStatus(name, n.path("connector").path("state").asText(), tasks, trace);
        } catch (IOException e) {
            throw new BisyncException("unreadable status of connector " + name + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the connector runs; fails at once, with its trace, if it failed. */
    public ConnectorStatus awaitRunning(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConnectorStatus status = status(name);
        while (!status.running() && System.nanoTime() < deadline) {
            if (status.failed()) {
                throw new BisyncException("connector " + name + " failed: " + status.trace());
            }
            pause(100);
            status = status(name);
        }
        if (!status.running()) {
            throw new BisyncException("connector " + name + " not running after " + timeout + ": " + status);
        }
        return status;
    }

    /** Deletes the connector; a missing one is fine. */
    public void delete(String name) {
        HttpResponse<String> r = send("DELETE", "/connectors/" + encode(name), null);
        if (r.statusCode() >= 300 && r.statusCode() != 404) {
            throw new BisyncException("Kafka Connect did not delete " + name + ": HTTP " + r.statusCode());
        }
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(requestTimeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RetriableException("Kafka Connect at " + baseUrl + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BisyncException("interrupted", e);
        }
    }

    private String body(HttpResponse<String> r) {
        if (r.statusCode() >= 300) {
            throw new BisyncException("Kafka Connect at " + baseUrl + " answered HTTP " + r.statusCode() + " "
                    + r.body());
        }
        return r.body();
    }

    private static String write(Map<String, String> config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new BisyncException("cannot write connector config", e);
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BisyncException("interrupted", e);
        }
    }
}
