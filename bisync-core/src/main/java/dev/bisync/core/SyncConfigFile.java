package dev.bisync.core;

import dev.bisync.api.config.AlertRules;
import dev.bisync.api.config.VerifySchedule;
import dev.bisync.api.config.ConfigException;
import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.internal.config.ConfigValues;
import dev.bisync.core.internal.config.SyncConfigKeys;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;

import static dev.bisync.core.internal.config.SyncConfigKeys.*;

/**
 * A {@link SyncConfig} written as a properties file, for the {@code bisync} command line and applications that keep
 * their settings in files. Every key, with its type, default and meaning, is listed in {@code docs/configuration.md}
 * (in the repository), which is generated from the keys' declarations
 * ({@code dev.bisync.core.internal.config.SyncConfigKeys}). Every
 * {@link SyncConfig.Builder} option has a key; classes (a table mapper, listeners, conflict strategies) are named by
 * class name and made with their public constructor without arguments. Unknown keys are errors (a typo must not pass
 * silently); all problems are reported together in one {@link ConfigException}.
 */
public final class SyncConfigFile {

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
        ConfigValues v = ConfigValues.read(properties, ALL, problems);
        SyncConfig.Builder b = SyncConfig.builder();
        b.name(v.get(NAME));
        b.kafkaBootstrapServers(v.get(KAFKA_BOOTSTRAP_SERVERS));
        v.all(KAFKA_PROPERTY).forEach((words, value) -> b.kafkaProperty(words.get(0), value));
        b.sideA(side(v, SIDES.get(0), env, problems));
        b.sideB(side(v, SIDES.get(1), env, problems));
        b.prioritySide(v.get(PRIORITY_SIDE));
        ifSet(v.get(ECHO_ID), b::echoId);
        ifSet(v.get(BATCH_SIZE), b::batchSize);
        ifSet(v.get(POLL_TIMEOUT), b::pollTimeout);
        ifSet(v.get(EVENT_ATTEMPTS), b::eventAttempts);
        ifSet(v.get(INSTANCE_ID), b::instanceId);
        ifSet(v.get(TABLE_MAPPER), b::tableMapper);
        ifSet(v.get(LISTENERS), listeners -> listeners.forEach(b::listener));
        ifSet(v.get(CONFLICT_STRATEGY), b::conflictStrategy);
        v.all(TABLE_CONFLICT_STRATEGY).forEach((words, strategy) -> b.conflictStrategy(words.get(0), strategy));
        ifSet(v.get(CONFLICT_DETECTION), b::conflictDetection);
        v.all(TABLE_CONFLICT_DETECTION).forEach((words, detection) -> b.conflictDetection(words.get(0), detection));
        ifSet(v.get(REFERENCE_RULE), b::referenceRule);
        v.all(RELATIONSHIP_REFERENCE_RULE).forEach((words, rule) -> b.referenceRule(words.get(0), words.get(1), rule));
        connect(v, b, problems);
        b.alertRules(alertRules(v));
        VerifySchedule off = VerifySchedule.OFF;
        b.verifySchedule(new VerifySchedule(or(v.get(VERIFY_INTERVAL), off.interval()),
                or(v.get(VERIFY_CHUNK_ROWS), off.chunkRows()),
                or(v.get(VERIFY_CAPTURE_ALLOWANCE), off.captureAllowance())));
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

    private static <T> void ifSet(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static SideConfig side(ConfigValues v, String which, Function<String, String> env,
            List<String> problems) {
        String password = v.get(SIDE_PASSWORD, which);
        String passwordEnv = v.get(SIDE_PASSWORD_ENV, which);
        if (passwordEnv != null) {
            password = env.apply(passwordEnv);
            if (password == null) {
                problems.add(SIDE_PASSWORD_ENV.nameFor(which) + " names " + passwordEnv + ", which is not set in the "
                        + "environment: export it, or give " + SIDE_PASSWORD.nameFor(which));
            }
        }
        Map<String, String> jdbcProperties = new LinkedHashMap<>();
        v.all(SIDE_JDBC_PROPERTY).forEach((words, value) -> {
            if (words.get(0).equals(which)) {
                jdbcProperties.put(words.get(1), value);
            }
        });
        List<String> tables = v.get(SIDE_TABLES, which);
        return new SideConfig(v.get(SIDE_NAME, which), new DatabaseConfig(v.get(SIDE_JDBC_URL, which),
                v.get(SIDE_USER, which), password == null ? "" : password, jdbcProperties),
                v.get(SIDE_NAMESPACE, which), v.get(SIDE_TOPIC_PREFIX, which), tables == null ? List.of() : tables,
                v.get(SIDE_ECHO_MARKING, which));
    }

    private static void connect(ConfigValues v, SyncConfig.Builder b, List<String> problems) {
        Map<String, String> connectors = new LinkedHashMap<>();
        for (String which : SIDES) {
            String connector = v.get(SIDE_CONNECTOR, which);
            if (connector != null) {
                connectors.put(String.valueOf(v.get(SIDE_NAME, which)), connector);
            }
        }
        String connectUrl = v.get(CONNECT_URL);
        if (connectUrl != null || !connectors.isEmpty()) {
            if (connectUrl == null) {
                problems.add(SIDE_CONNECTOR.name() + " is set but " + CONNECT_URL.name() + " is not: give the Kafka "
                        + "Connect REST URL");
            }
            b.connect(connectUrl, connectors);
        }
    }

    private static AlertRules alertRules(ConfigValues v) {
        AlertRules d = AlertRules.DEFAULT;
        return AlertRules.builder()
                .lag(or(v.get(ALERT_LAG_RECORDS), d.lagRecords()), or(v.get(ALERT_LAG_SECONDS), d.lagSeconds()),
                        seconds(v.get(ALERT_LAG_FOR_SECONDS), d.lagFor()))
                .errorsPerMinute(or(v.get(ALERT_ERRORS_PER_MINUTE), d.errorsPerMinute()))
                .dlqGrowth(or(v.get(ALERT_DLQ_GROWTH), d.dlqGrowth()), v.get(ALERT_DLQ_WINDOW_MINUTES) == null
                        ? d.dlqWindow() : Duration.ofMinutes(v.get(ALERT_DLQ_WINDOW_MINUTES)))
                .connectorFailure(or(v.get(ALERT_CONNECTOR_FAILURE), d.connectorFailure()))
                .symptoms(or(v.get(ALERT_DEAD_LETTERS), d.deadLettering()), or(v.get(ALERT_RETRIES), d.retrying()),
                        or(v.get(ALERT_PARKED_CONFLICTS), d.parking()),
                        seconds(v.get(ALERT_SYMPTOM_WINDOW_SECONDS), d.symptomWindow()))
                .stalledAfter(seconds(v.get(ALERT_STALLED_SECONDS), d.stalledAfter()))
                .lagUnknownAfter(seconds(v.get(ALERT_LAG_UNKNOWN_SECONDS), d.lagUnknownAfter()))
                .build();
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    private static Duration seconds(Long seconds, Duration otherwise) {
        return seconds != null ? Duration.ofSeconds(seconds) : otherwise;
    }
}
