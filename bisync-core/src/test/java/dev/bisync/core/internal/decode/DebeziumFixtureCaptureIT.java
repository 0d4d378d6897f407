package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bisync.testkit.DebeziumConnectors;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: re-captures the fixture files under {@code src/test/resources/debezium/} from the real connectors.
 * Runs only when asked:
 * <pre>{@code
 * ./mvnw -B -o -pl bisync-core -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=DebeziumFixtureCaptureIT -Dbisync.capture.dir=$PWD/bisync-core/src/test/resources/debezium
 * }</pre>
 * Each connector's records land in {@code <dir>/<topic prefix>/<topic>.json}, an array of
 * {@code {topic, partition, offset, key, value}} with key and value as the JSON the connector wrote.
 */
@ExtendWith(EmbeddedStackExtension.class)
@EnabledIfSystemProperty(named = "bisync.capture.dir", matches = ".+")
class DebeziumFixtureCaptureIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Scenarios SCENARIOS = new Scenarios("dec");

    @Test
    void capturePostgres(EmbeddedStack stack) throws Exception {
        boolean extensions = SCENARIOS.createPostgresTables(stack);
        Map<String, String> modes = DebeziumConnectors.postgres(stack, "dec-cap-pgm", "deccappgm",
                List.of("dec_pg_types"));
        modes.put("time.precision.mode", "connect");
        modes.put("decimal.handling.mode", "double");
        modes.put("interval.handling.mode", "string");
        modes.put("hstore.handling.mode", "map");
        capture(stack,
                new Connector("dec-cap-pg", "deccappg", DebeziumConnectors.postgres(stack, "dec-cap-pg", "deccappg",
                        SCENARIOS.pgTables), ".dec_pg_child", 4),
                new Connector("dec-cap-pgm", "deccappgm", modes, ".dec_pg_types", 5),
                () -> SCENARIOS.postgresChanges(stack, extensions));
    }

    @Test
    void captureMariaDb(EmbeddedStack stack) throws Exception {
        SCENARIOS.createMariaDbTables(stack);
        Map<String, String> modes = DebeziumConnectors.mariadb(stack, "deccapmariam", 5502, List.of("dec_maria_types"));
        modes.put("time.precision.mode", "connect");
        modes.put("bigint.unsigned.handling.mode", "precise");
        modes.put("decimal.handling.mode", "string");
        modes.put("column.propagate.source.type", ".*");
        capture(stack,
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
    private static void capture(EmbeddedStack stack, Connector plain, Connector modes, Changes changes)
            throws Exception {
        for (Connector c : List.of(plain, modes)) {
            stack.connect().put(c.name(), withCaptureSettings(c.config()));
            stack.connect().awaitRunning(c.name(), TIMEOUT);
            stack.awaitStreaming(c.prefix(), TIMEOUT);
        }
        changes.make();
        for (Connector c : List.of(plain, modes)) {
            write(c.prefix(), CapturedTopics.read(stack.kafkaBootstrapServers(), c.prefix(),
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

    private static void write(String prefix, List<ConsumerRecord<byte[], byte[]>> records) throws IOException {
        Path dir = Path.of(System.getProperty("bisync.capture.dir")).resolve(prefix);
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
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(e.getKey() + ".json").toFile(), e.getValue());
        }
    }
}
