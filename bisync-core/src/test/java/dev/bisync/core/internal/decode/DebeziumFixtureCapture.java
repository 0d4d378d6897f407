package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bisync.testkit.DebeziumConnectors;
import dev.bisync.testkit.EmbeddedStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: a program that captures the fixture files of {@code src/test/resources/debezium/} (all but
 * {@code handwritten/}) from the real connectors. It starts its own {@link EmbeddedStack}, creates the tables of
 * {@link Scenarios}, runs two connectors per database (default settings, and the other handling modes), makes the
 * scenarios' changes, writes what each connector captured to the directory given as its argument and stops the
 * stack (about a minute). From the project root:
 * <pre>{@code
 * ./mvnw -B -o -pl bisync-core -am process-test-classes -Pcapture-fixtures -Dcapture.dir=/tmp/debezium-fixtures
 * }</pre>
 * The {@code capture-fixtures} profile of {@code bisync-core/pom.xml} runs this class, after the reactor has
 * compiled it, in a JVM of its own with the test class path ({@code exec:exec}, {@code classpathScope=test}) and
 * the ITs' JVM options; through the reactor the class path holds this checkout's modules, not whatever snapshots
 * the local Maven repository has. Without {@code -Dcapture.dir} it writes to
 * {@code bisync-core/target/debezium-fixtures}; a relative directory is taken from {@code bisync-core/}. With the
 * classes built, the same without Maven:
 * {@code java -cp <test class path> dev.bisync.core.internal.decode.DebeziumFixtureCapture <dir>}.
 *
 * <p>Each connector's records land in {@code <dir>/<topic prefix>/<topic>.json}, an array of
 * {@code {topic, partition, offset, key, value}} with key and value as the JSON the connector wrote. Timestamps,
 * and PostgreSQL LSNs and transaction ids, differ from run to run; the files, their record counts and the rest of
 * the records should not. To refresh the committed fixtures, capture into a temporary directory, compare, and
 * copy what changed over {@code bisync-core/src/test/resources/debezium/} (the decoder tests' expectations may
 * need updating too).
 */
public final class DebeziumFixtureCapture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Scenarios SCENARIOS = new Scenarios("dec");

    private DebeziumFixtureCapture() {
    }

    /**
     * Captures every fixture into one directory.
     *
     * @param args the output directory (created if missing; files of the same names are overwritten)
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1 || args[0].isBlank()) {
            System.err.println("usage: DebeziumFixtureCapture <output directory>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath().normalize();
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            capturePostgres(stack, dir);
            captureMariaDb(stack, dir);
        }
        System.out.println("Fixtures captured into " + dir);
    }

    private static void capturePostgres(EmbeddedStack stack, Path dir) throws Exception {
        boolean extensions = SCENARIOS.createPostgresTables(stack);
        Map<String, String> modes = DebeziumConnectors.postgres(stack, "dec-cap-pgm", "deccappgm",
                List.of("dec_pg_types"));
        modes.put("time.precision.mode", "connect");
        modes.put("decimal.handling.mode", "double");
        modes.put("interval.handling.mode", "string");
        modes.put("hstore.handling.mode", "map");
        capture(stack, dir,
                new Connector("dec-cap-pg", "deccappg", DebeziumConnectors.postgres(stack, "dec-cap-pg", "deccappg",
                        SCENARIOS.pgTables), ".dec_pg_child", 4),
                new Connector("dec-cap-pgm", "deccappgm", modes, ".dec_pg_types", 5),
                () -> SCENARIOS.postgresChanges(stack, extensions));
    }

    private static void captureMariaDb(EmbeddedStack stack, Path dir) throws Exception {
        SCENARIOS.createMariaDbTables(stack);
        Map<String, String> modes = DebeziumConnectors.mariadb(stack, "deccapmariam", 5502, List.of("dec_maria_types"));
        modes.put("time.precision.mode", "connect");
        modes.put("bigint.unsigned.handling.mode", "precise");
        modes.put("decimal.handling.mode", "string");
        modes.put("column.propagate.source.type", ".*");
        capture(stack, dir,
                new Connector("dec-cap-maria", "deccapmaria", DebeziumConnectors.mariadb(stack, "deccapmaria", 5501,
                        SCENARIOS.mariaTables), ".dec_maria_child", 4),
                new Connector("dec-cap-mariam", "deccapmariam", modes, ".dec_maria_types", 4),
                () -> SCENARIOS.mariaDbChanges(stack));
    }

    /**
     * A connector to capture with.
     *
     * @param name     the Connect name
     * @param prefix   its topic prefix
     * @param config   its configuration, before the capture settings
     * @param topic    the end of the topic whose records say the changes are all captured
     * @param expected how many records that topic then holds
     */
    private record Connector(String name, String prefix, Map<String, String> config, String topic, int expected) {
    }

    /** The changes a scenario makes. */
    private interface Changes {
        void make() throws Exception;
    }

    /** Starts both connectors, makes the changes, writes what each captured and deletes the connectors. */
    private static void capture(EmbeddedStack stack, Path dir, Connector plain, Connector modes, Changes changes)
            throws Exception {
        for (Connector c : List.of(plain, modes)) {
            stack.connect().put(c.name(), withCaptureSettings(c.config()));
            stack.connect().awaitRunning(c.name(), TIMEOUT);
            stack.awaitStreaming(c.prefix(), TIMEOUT);
        }
        changes.make();
        for (Connector c : List.of(plain, modes)) {
            write(dir.resolve(c.prefix()), c.prefix(), CapturedTopics.read(stack.kafkaBootstrapServers(), c.prefix(),
                    r -> CapturedTopics.count(r, c.topic()) >= c.expected()
                            && CapturedTopics.count(r, "heartbeat." + c.prefix()) > 0,
                    Duration.ofSeconds(3), TIMEOUT));
            stack.connect().delete(c.name());
        }
    }

    private static Map<String, String> withCaptureSettings(Map<String, String> config) {
        Map<String, String> c = new LinkedHashMap<>(config);
        c.put("provide.transaction.metadata", "true");
        c.put("heartbeat.interval.ms", "500");
        c.put("skipped.operations", "none");
        c.put("slot.drop.on.stop", "true");
        return c;
    }

    /** Writes one connector's records, a file per topic, and says how many records each file holds. */
    private static void write(Path dir, String prefix, List<ConsumerRecord<byte[], byte[]>> records)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, ArrayNode> byTopic = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.topic().endsWith(".schema-history")) {
                continue; // the connector's own topic, never read by a lane
            }
            ArrayNode list = byTopic.computeIfAbsent(r.topic(), t -> JSON.createArrayNode());
            boolean enough = r.topic().startsWith("__debezium-heartbeat") ? list.size() >= 2
                    : r.topic().equals(prefix) && list.size() >= 1 && r.value() != null
                            && JSON.readTree(r.value()).path("payload").path("source").path("snapshot").asText()
                                    .matches("true|last"); // of the schema changes: the first and the live ones
            if (enough) {
                continue;
            }
            ObjectNode node = list.addObject();
            node.put("topic", r.topic());
            node.put("partition", r.partition());
            node.put("offset", r.offset());
            node.set("key", r.key() == null ? null : JSON.readTree(r.key()));
            node.set("value", r.value() == null ? null : JSON.readTree(r.value()));
        }
        for (Map.Entry<String, ArrayNode> e : byTopic.entrySet()) {
            Path file = dir.resolve(e.getKey() + ".json");
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), e.getValue());
            System.out.println("wrote " + file + " (" + e.getValue().size() + " records)");
        }
    }
}
