package dev.bisync.core.internal.config;

import dev.bisync.api.config.AlertRules;
import dev.bisync.api.config.SyncConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.bisync.core.internal.config.SyncConfigKeys.*;
import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncConfigKeysTest {

    /** Each builder option and the keys that set it. */
    private static final Map<String, List<ConfigKey<?>>> KEYS_OF_OPTION = Map.ofEntries(
            entry("name", List.of(NAME)),
            entry("kafkaBootstrapServers", List.of(KAFKA_BOOTSTRAP_SERVERS)),
            entry("kafkaProperty", List.of(KAFKA_PROPERTY)),
            entry("sideA", List.of(SIDE_NAME, SIDE_JDBC_URL, SIDE_JDBC_PROPERTY, SIDE_USER, SIDE_PASSWORD,
                    SIDE_PASSWORD_ENV, SIDE_NAMESPACE, SIDE_TOPIC_PREFIX, SIDE_TABLES, SIDE_ECHO_MARKING)),
            entry("sideB", List.of(SIDE_NAME)),
            entry("prioritySide", List.of(PRIORITY_SIDE)),
            entry("echoId", List.of(ECHO_ID)),
            entry("batchSize", List.of(BATCH_SIZE)),
            entry("pollTimeout", List.of(POLL_TIMEOUT)),
            entry("eventAttempts", List.of(EVENT_ATTEMPTS)),
            entry("conflictStrategy", List.of(CONFLICT_STRATEGY, TABLE_CONFLICT_STRATEGY)),
            entry("conflictDetection", List.of(CONFLICT_DETECTION, TABLE_CONFLICT_DETECTION)),
            entry("referenceRule", List.of(REFERENCE_RULE, RELATIONSHIP_REFERENCE_RULE)),
            entry("tableMapper", List.of(TABLE_MAPPER)),
            entry("alertRules", List.of(ALERT_LAG_RECORDS)),
            entry("connect", List.of(CONNECT_URL, SIDE_CONNECTOR)),
            entry("instanceId", List.of(INSTANCE_ID)),
            entry("listener", List.of(LISTENERS)),
            entry("lag", List.of(ALERT_LAG_RECORDS, ALERT_LAG_SECONDS, ALERT_LAG_FOR_SECONDS)),
            entry("errorsPerMinute", List.of(ALERT_ERRORS_PER_MINUTE)),
            entry("dlqGrowth", List.of(ALERT_DLQ_GROWTH, ALERT_DLQ_WINDOW_MINUTES)),
            entry("connectorFailure", List.of(ALERT_CONNECTOR_FAILURE)),
            entry("symptoms", List.of(ALERT_DEAD_LETTERS, ALERT_RETRIES, ALERT_PARKED_CONFLICTS,
                    ALERT_SYMPTOM_WINDOW_SECONDS)),
            entry("stalledAfter", List.of(ALERT_STALLED_SECONDS)),
            entry("lagUnknownAfter", List.of(ALERT_LAG_UNKNOWN_SECONDS)),
            entry("verifySchedule", List.of(VERIFY_INTERVAL, VERIFY_CHUNK_ROWS, VERIFY_CAPTURE_ALLOWANCE)));

    @Test
    void everyBuilderOptionHasAKeyInTheFile() {
        Set<String> options = new TreeSet<>();
        for (Class<?> builder : List.of(SyncConfig.Builder.class, AlertRules.Builder.class)) {
            Arrays.stream(builder.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                    .map(Method::getName).filter(name -> !name.equals("build")).forEach(options::add);
        }
        assertEquals(options, new TreeSet<>(KEYS_OF_OPTION.keySet()), "a builder option without a key in the file: "
                + "declare one in SyncConfigKeys, read it in SyncConfigFile, and list it here");
        KEYS_OF_OPTION.values().stream().flatMap(List::stream)
                .forEach(key -> assertTrue(ALL.contains(key), key + " is declared but not in SECTIONS"));
    }

    @Test
    void everyKeyIsDeclaredOnceAndListedOnce() {
        List<String> names = ALL.stream().map(ConfigKey::name).toList();
        assertEquals(names.size(), new HashSet<>(names).size(), "a name declared twice: " + names);
        Set<String> fields = Arrays.stream(SyncConfigKeys.class.getFields())
                .filter(f -> f.getType() == ConfigKey.class).map(f -> {
                    try {
                        return ((ConfigKey<?>) f.get(null)).name();
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(fields, new TreeSet<>(names), "a declared key missing from SECTIONS, which the reader and "
                + "the doc go through");
    }

    @Test
    void placeholdersTakeAChoiceAPartOrTheRest() {
        assertEquals(List.of("b", "ssl.factory"), SIDE_JDBC_PROPERTY.match("side.b.jdbc.ssl.factory"));
        assertNull(SIDE_JDBC_PROPERTY.match("side.c.jdbc.ssl"), "only a or b");
        assertNull(SIDE_JDBC_PROPERTY.match("side.a.jdbc."), "a property needs a name");
        assertEquals(List.of("order_items", "orders"), RELATIONSHIP_REFERENCE_RULE
                .match("conflict.reference.order_items.orders"));
        assertNull(RELATIONSHIP_REFERENCE_RULE.match("conflict.reference.orders"), "the parent is missing");
        assertEquals(List.of(), BATCH_SIZE.match("batch-size"));
        assertNull(BATCH_SIZE.match("batch-sizes"));
        assertEquals("side.b.password-env", SIDE_PASSWORD_ENV.nameFor("b"));
        assertEquals(List.of("side.a.tables", "side.b.tables"), SIDE_TABLES.spelledOut());
    }

    @Test
    void defaultsAreTheBuildersOwn() {
        assertEquals(String.valueOf(SyncConfig.DEFAULT_BATCH_SIZE), BATCH_SIZE.defaultText());
        assertEquals(String.valueOf(SyncConfig.DEFAULT_EVENT_ATTEMPTS), EVENT_ATTEMPTS.defaultText());
        assertEquals(String.valueOf(SyncConfig.DEFAULT_ECHO_ID), ECHO_ID.defaultText());
        assertEquals("50ms", POLL_TIMEOUT.defaultText());
        assertEquals("old-values", CONFLICT_DETECTION.defaultText());
        assertEquals("delete-wins", REFERENCE_RULE.defaultText());
        assertEquals("1m", ValueType.DURATION.write(AlertRules.DEFAULT.lagFor()));
        assertEquals(String.valueOf(AlertRules.DEFAULT.lagFor().toSeconds()), ALERT_LAG_FOR_SECONDS.defaultText());
    }
}
