package dev.bisync.core;

import dev.bisync.api.AlertRules;
import dev.bisync.api.ConfigException;
import dev.bisync.api.DatabaseConfig;
import dev.bisync.api.ReferenceRule;
import dev.bisync.api.SideConfig;
import dev.bisync.api.SyncConfig;
import dev.bisync.core.internal.config.StrategySpecs;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A {@link SyncConfig} written as a properties file, for the {@code bisync} command line and applications that keep
 * their settings in files. Every key, with an example:
 *
 * <pre>
 * name=shop
 * kafka.bootstrap.servers=kafka1:9092
 * kafka.security.protocol=SASL_SSL              # any other kafka.* key goes to the Kafka clients
 * side.a.name=mariadb
 * side.a.jdbc-url=jdbc:mariadb://db1:3306/shop
 * side.a.user=bisync
 * side.a.password-env=BISYNC_MARIADB_PASSWORD   # or side.a.password=... (never logged)
 * side.a.namespace=shop                         # schema (PostgreSQL) or database (MySQL/MariaDB)
 * side.a.topic-prefix=shopmaria                 # the Debezium connector's topic.prefix
 * side.a.tables=orders,customers
 * side.b.* ...                                  # the same keys for side B
 * priority-side=mariadb                         # wins ties; default side A
 * echo-id=45404
 * batch-size=500
 * conflict.strategy=last-write-wins:updated_at | side-priority
 * conflict.strategy.orders=ranked:status:pending&lt;paid&lt;shipped&lt;delivered | last-write-wins:updated_at
 * conflict.detection=old-values                 # primary-key, changed-columns, timestamp:col, version:col
 * conflict.detection.orders=old-values
 * conflict.reference=delete-wins                # foreign-key conflicts: delete-wins, insert-wins, park
 * conflict.reference.order_items.orders=insert-wins   # per relationship: child table . parent table
 * connect.url=http://connect:8083               # watch the connectors' state (health, alerts)
 * side.a.connector=shop-mariadb                 # each side's Debezium connector name, with connect.url
 * alert.lag-records=10000                       # alert thresholds, 0 turns a rule off (see AlertRules)
 * alert.lag-seconds=60
 * alert.lag-for-seconds=60
 * alert.errors-per-minute=10
 * alert.dlq-growth=100
 * alert.dlq-window-minutes=10
 * alert.connector-failure=true
 * alert.dead-letters=30                         # symptoms within the window that make a lane DEGRADED (0: off)
 * alert.retries=30
 * alert.parked-conflicts=30
 * alert.symptom-window-seconds=60
 * alert.stalled-seconds=30                      # DEGRADED: nothing applied this long while records wait (0: off)
 * alert.lag-unknown-seconds=15                  # DEGRADED: lag not known this long, e.g. no partitions (0: off)
 * instance-id=app-host-1                        # this instance in the lanes' consumer groups; default the host name
 * </pre>
 * Strategies are written as {@code dev.bisync.core.internal.config.StrategySpecs} describes; a host's own strategy
 * is found by name through {@link dev.bisync.spi.ConflictStrategyProvider}. Unknown keys are errors (a typo must not
 * pass silently); all problems are reported together in one {@link ConfigException}.
 */
public final class SyncConfigFile {

    private static final List<String> SIDE_KEYS = List.of("name", "jdbc-url", "user", "password", "password-env",
            "namespace", "topic-prefix", "tables", "connector");

    private SyncConfigFile() {
    }

    /**
     * Reads and validates a configuration file.
     *
     * @throws ConfigException listing every problem with its fix
     * @throws IOException     when the file cannot be read
     */
    public static SyncConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return parse(p, System::getenv, file.toString());
    }

    /**
     * Makes a configuration from properties.
     *
     * @param env    the environment, for {@code password-env}
     * @param origin where the properties come from, for messages
     * @throws ConfigException listing every problem with its fix
     */
    public static SyncConfig parse(Properties properties, Function<String, String> env, String origin) {
        List<String> problems = new ArrayList<>();
        SyncConfig.Builder b = SyncConfig.builder();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String value = properties.getProperty(key).trim();
            try {
                apply(b, key, value, problems);
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage());
            }
        }
        b.sideA(side(properties, "a", env, problems));
        b.sideB(side(properties, "b", env, problems));
        Map<String, String> connectors = new LinkedHashMap<>();
        for (String which : List.of("a", "b")) {
            String connector = get(properties, "side." + which + ".connector");
            if (connector != null) {
                connectors.put(String.valueOf(get(properties, "side." + which + ".name")), connector);
            }
        }
        String connectUrl = get(properties, "connect.url");
        if (connectUrl != null || !connectors.isEmpty()) {
            if (connectUrl == null) {
                problems.add("side.*.connector is set but connect.url is not: give the Kafka Connect REST URL");
            }
            b.connect(connectUrl, connectors);
        }
        try {
            b.alertRules(alertRules(properties));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        try {
            SyncConfig config = b.build();
            if (problems.isEmpty()) {
                return config;
            }
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        throw new ConfigException(problems.stream().map(problem -> origin + ": " + problem).toList());
    }

    private static AlertRules alertRules(Properties p) {
        AlertRules d = AlertRules.DEFAULT;
        return AlertRules.builder()
                .lag(whole(p, "alert.lag-records", d.lagRecords()), whole(p, "alert.lag-seconds", d.lagSeconds()),
                        Duration.ofSeconds(whole(p, "alert.lag-for-seconds", d.lagFor().toSeconds())))
                .errorsPerMinute(whole(p, "alert.errors-per-minute", (long) d.errorsPerMinute()))
                .dlqGrowth(whole(p, "alert.dlq-growth", d.dlqGrowth()),
                        Duration.ofMinutes(whole(p, "alert.dlq-window-minutes", d.dlqWindow().toMinutes())))
                .connectorFailure(Boolean.parseBoolean(p.getProperty("alert.connector-failure",
                        String.valueOf(d.connectorFailure())).trim()))
                .symptoms(whole(p, "alert.dead-letters", d.deadLettering()), whole(p, "alert.retries", d.retrying()),
                        whole(p, "alert.parked-conflicts", d.parking()),
                        Duration.ofSeconds(whole(p, "alert.symptom-window-seconds", d.symptomWindow().toSeconds())))
                .stalledAfter(Duration.ofSeconds(whole(p, "alert.stalled-seconds", d.stalledAfter().toSeconds())))
                .lagUnknownAfter(Duration.ofSeconds(whole(p, "alert.lag-unknown-seconds",
                        d.lagUnknownAfter().toSeconds())))
                .build();
    }

    private static long whole(Properties p, String key, long otherwise) {
        String v = get(p, key);
        if (v == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a whole number");
        }
    }

    private static void apply(SyncConfig.Builder b, String key, String value, List<String> problems) {
        if (key.startsWith("side.a.") || key.startsWith("side.b.")) {
            if (!SIDE_KEYS.contains(key.substring(7))) {
                problems.add("unknown key '" + key + "': a side takes " + SIDE_KEYS);
            }
            return;
        }
        if (key.startsWith("conflict.strategy.")) {
            b.conflictStrategy(key.substring(18), StrategySpecs.strategy(value));
            return;
        }
        if (key.startsWith("conflict.reference.")) {
            String[] pair = key.substring(19).split("\\.", 2);
            if (pair.length < 2 || pair[0].isEmpty() || pair[1].isEmpty()) {
                problems.add("key '" + key + "': a foreign-key rule is set as conflict.reference.<child table>.<parent "
                        + "table>, e.g. conflict.reference.order_items.orders=insert-wins");
            } else {
                b.referenceRule(pair[0], pair[1], ReferenceRule.ofSpec(value));
            }
            return;
        }
        if (key.startsWith("conflict.detection.")) {
            b.conflictDetection(key.substring(19), StrategySpecs.detection(value));
            return;
        }
        if (key.startsWith("alert.") || key.equals("connect.url")) {
            if (!List.of("alert.lag-records", "alert.lag-seconds", "alert.lag-for-seconds", "alert.errors-per-minute",
                    "alert.dlq-growth", "alert.dlq-window-minutes", "alert.connector-failure", "alert.dead-letters",
                    "alert.retries", "alert.parked-conflicts", "alert.symptom-window-seconds", "alert.stalled-seconds",
                    "alert.lag-unknown-seconds", "connect.url").contains(key)) {
                problems.add("unknown key '" + key + "': see SyncConfigFile's javadoc for the alert.* keys");
            }
            return;
        }
        switch (key) {
            case "name" -> b.name(value);
            case "kafka.bootstrap.servers" -> b.kafkaBootstrapServers(value);
            case "priority-side" -> b.prioritySide(value);
            case "echo-id" -> b.echoId(number(key, value));
            case "batch-size" -> b.batchSize((int) number(key, value));
            case "instance-id" -> b.instanceId(value);
            case "conflict.strategy" -> b.conflictStrategy(StrategySpecs.strategy(value));
            case "conflict.detection" -> b.conflictDetection(StrategySpecs.detection(value));
            case "conflict.reference" -> b.referenceRule(ReferenceRule.ofSpec(value));
            default -> {
                if (key.startsWith("kafka.")) {
                    b.kafkaProperty(key.substring(6), value);
                } else {
                    problems.add("unknown key '" + key + "': see SyncConfigFile's javadoc for the keys");
                }
            }
        }
    }

    private static SideConfig side(Properties p, String which, Function<String, String> env, List<String> problems) {
        String prefix = "side." + which + ".";
        String password = p.getProperty(prefix + "password");
        String passwordEnv = p.getProperty(prefix + "password-env");
        if (passwordEnv != null) {
            password = env.apply(passwordEnv.trim());
            if (password == null) {
                problems.add(prefix + "password-env names " + passwordEnv.trim() + ", which is not set in the "
                        + "environment: export it, or give " + prefix + "password");
            }
        }
        String tables = p.getProperty(prefix + "tables", "");
        return new SideConfig(get(p, prefix + "name"), DatabaseConfig.of(get(p, prefix + "jdbc-url"),
                get(p, prefix + "user"), password == null ? "" : password), get(p, prefix + "namespace"),
                get(p, prefix + "topic-prefix"), Arrays.stream(tables.split(",")).map(String::trim)
                .filter(t -> !t.isEmpty()).toList());
    }

    private static String get(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null ? null : v.trim();
    }

    private static long number(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
    }
}
