package dev.bisync.examples;

import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.report.LaneStatus;
import dev.bisync.core.SyncConfigFile;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo application's HTTP side on the embedded stack, after real traffic with conflicts: {@code /metrics} in
 * the Prometheus format, {@code /health} (503 once the lanes are down), and the status page loaded in headless
 * Chromium, whose numbers must equal the meters. Leaves a screenshot in {@code target/status-page.png}.
 */
@ExtendWith(EmbeddedStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusPageIT {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SyncDemo.Running running;
    private static String base;

    @BeforeAll
    static void start(EmbeddedStack stack) throws Exception {
        Path file = SyncDemo.prepareEmbedded(stack, Path.of("target", "status-page-it", "bisync.properties"));
        SyncConfig config = SyncConfigFile.load(file);
        running = SyncDemo.start(config, 0);
        base = "http://127.0.0.1:" + running.server().port();
        SyncDemo.run(config, running, 8, 10); // 8 s of concurrent status moves on both sides
        // wait until both lanes caught up and nothing moves any more
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long last = -1;
        int quiet = 0;
        while (System.nanoTime() < deadline && quiet < 6) {
            long applied = running.sync().status().stream().mapToLong(LaneStatus::applied).sum();
            boolean caughtUp = running.sync().status().stream().allMatch(l -> l.lagRecords() == 0);
            quiet = caughtUp && applied == last ? quiet + 1 : 0;
            last = applied;
            Thread.sleep(500);
        }
        assertEquals(6, quiet, "the lanes did not settle: " + running.sync().status());
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long meter(String name, String lane) {
        return (long) running.meters().find(name).tag("lane", lane).counters().stream().mapToDouble(Counter::count)
                .sum();
    }

    @Test
    @Order(1)
    void metricsScrapeInThePrometheusFormatAndHealthIsJson() throws Exception {
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(metrics.body().contains("# TYPE bisync_events_total counter"), metrics.body());
        assertTrue(metrics.body().contains("bisync_latency_seconds{lane=\"mariadb-to-postgres\""), metrics.body());
        assertTrue(metrics.body().contains("bisync_lag_records{lane=\"postgres-to-mariadb\""), metrics.body());
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"status\":\"UP\"") && health.body().contains("\"demo-postgres\""),
                health.body());
    }

    @Test
    @Order(2)
    void statusPageInHeadlessChromiumShowsTheMeters() throws Exception {
        Path browser = BROWSERS.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(browser != null, "no headless Chromium here (looked for " + BROWSERS + "): install Debian's "
                + "chromium package, as .ci/run does, to run this test");
        String dom = chromium(browser, "--dump-dom", base + "/");
        assertTrue(dom.contains("data-loaded=\"true\""), "the page did not load its status: " + dom);
        for (String lane : List.of("mariadb-to-postgres", "postgres-to-mariadb")) {
            String row = row(dom, lane);
            long applied = meter("bisync.events", lane) - otherOutcomes(lane);
            assertEquals(applied, field(row, "applied"), lane + " applied, page vs meters");
            assertEquals(meter("bisync.conflicts", lane), field(row, "conflicts"), lane + " conflicts");
            assertEquals(0, field(row, "deadLettered"), lane + " dead letters");
            assertEquals(0, field(row, "lagRecords"), lane + " lag");
            assertTrue(row.contains(">UP<"), row);
        }
        assertTrue(meter("bisync.conflicts", "mariadb-to-postgres") + meter("bisync.conflicts", "postgres-to-mariadb")
                > 0, "the traffic made no conflict, so the page's conflict column tested nothing");
        Path shot = Path.of("target", "status-page.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        chromium(browser, "--screenshot=" + shot, "--window-size=1280,640", base + "/");
        assertTrue(Files.size(shot) > 10_000, "screenshot " + shot);
    }

    @Test
    @Order(3)
    void healthAnswers503WhenTheLanesAreDown() throws Exception {
        running.sync().close();
        HttpResponse<String> health = get("/health");
        assertEquals(503, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"status\":\"DOWN\""), health.body());
    }

    /** Events of the lane counted under outcomes other than applied. */
    private static long otherOutcomes(String lane) {
        return (long) running.meters().find("bisync.events").tag("lane", lane).counters().stream()
                .filter(c -> !"applied".equals(c.getId().getTag("outcome"))).mapToDouble(Counter::count).sum();
    }

    private static String chromium(Path browser, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--virtual-time-budget=8000"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), "chromium failed: " + out);
        return out;
    }

    private static String row(String dom, String lane) {
        Matcher m = Pattern.compile("<tr data-lane=\"" + lane + "\">(.*?)</tr>", Pattern.DOTALL).matcher(dom);
        assertTrue(m.find(), "no row for lane " + lane + " in " + dom);
        return m.group(1);
    }

    private static long field(String row, String field) {
        Matcher m = Pattern.compile("data-field=\"" + field + "\"[^>]*>([^<]*)<").matcher(row);
        assertTrue(m.find(), "no " + field + " in " + row);
        return Long.parseLong(m.group(1).trim());
    }
}
