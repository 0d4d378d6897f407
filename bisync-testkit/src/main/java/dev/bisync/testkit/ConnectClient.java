package dev.bisync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A small client for the Kafka Connect REST API, enough for tests and demos: create or update a connector, read
 * its status, wait until its task runs, delete it.
 */
public final class ConnectClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A client for the worker whose REST API is at {@code baseUrl}, e.g. {@code http://127.0.0.1:8083}. */
    public ConnectClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * Creates the connector, or replaces its configuration. Retries while the worker is still joining its group
     * (HTTP 409), for up to 30 s.
     */
    public void put(String name, Map<String, String> config) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> response = send("PUT", "/connectors/" + encode(name) + "/config", write(config));
            if (response.statusCode() == 200 || response.statusCode() == 201) {
                return;
            }
            if (response.statusCode() != 409 || System.nanoTime() > deadline) {
                throw new IllegalStateException("Connect refused connector " + name + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
            sleep(250);
        }
    }

    /** The connector's status document ({@code GET /connectors/NAME/status}), or null if there is no such connector. */
    public JsonNode status(String name) {
        HttpResponse<String> response = send("GET", "/connectors/" + encode(name) + "/status", null);
        if (response.statusCode() == 404) {
            return null;
        }
        return read(response);
    }

    /** Waits until the connector and all its tasks are RUNNING; fails fast, with the task's trace, on FAILED. */
    public void awaitRunning(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = status(name);
            if (status != null) {
                boolean allRunning = "RUNNING".equals(status.path("connector").path("state").asText())
                        && !status.path("tasks").isEmpty();
                for (JsonNode task : status.path("tasks")) {
                    String state = task.path("state").asText();
                    if ("FAILED".equals(state)) {
                        throw new IllegalStateException("connector " + name + " task failed: "
                                + task.path("trace").asText());
                    }
                    allRunning &= "RUNNING".equals(state);
                }
                if (allRunning) {
                    return;
                }
            }
            sleep(100);
        }
        throw new IllegalStateException("connector " + name + " not running after " + timeout + ": " + status);
    }

    /** Deletes the connector; deleting a missing connector does nothing. */
    public void delete(String name) {
        HttpResponse<String> response = send("DELETE", "/connectors/" + encode(name), null);
        if (response.statusCode() >= 300 && response.statusCode() != 404) {
            throw new IllegalStateException("Connect did not delete " + name + ": HTTP " + response.statusCode()
                    + " " + response.body());
        }
    }

    /** The installed connector plugins ({@code GET /connector-plugins}). */
    public JsonNode plugins() {
        return read(send("GET", "/connector-plugins", null));
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + baseUrl + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode read(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Connect answered HTTP " + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
