package dev.bisync.core.internal.config;

import dev.bisync.api.config.AlertRules;
import dev.bisync.api.config.VerifySchedule;
import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.api.config.EchoMarking;
import dev.bisync.api.config.ReferenceRule;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.spi.ConflictDetection;
import dev.bisync.spi.ConflictStrategy;
import dev.bisync.spi.SyncListener;
import dev.bisync.spi.TableMapper;

import java.time.Duration;
import java.util.List;

import static dev.bisync.core.internal.config.ConfigKey.of;
import static dev.bisync.core.internal.config.ConfigKey.withDefault;

/**
 * Every key of a configuration file ({@code dev.bisync.core.SyncConfigFile}), declared once. The defaults are the
 * builder's own: read from {@link #DEFAULTS}, a configuration that sets only what {@link SyncConfig.Builder} requires,
 * and from {@link AlertRules#DEFAULT}, so that no default is written twice. The value checks that need more than one
 * key, or a range, are the builder's ({@link SyncConfig.Builder#build()}); a key checks the form of its value.
 * {@code docs/configuration.md} is rendered from here ({@link ConfigDoc}).
 */
public final class SyncConfigKeys {

    /** The builder's defaults: a configuration setting nothing but what is required. */
    private static final SyncConfig DEFAULTS = SyncConfig.builder().name("defaults").kafkaBootstrapServers("kafka")
            .sideA(placeholderSide("a")).sideB(placeholderSide("b")).instanceId("").build();
    private static final AlertRules ALERTS = AlertRules.DEFAULT;
    private static final String REQUIRED = "required";
    private static final String NONE = "none";

    /** The words of {@code <a|b>}: the side a side key is about. */
    public static final List<String> SIDES = List.of("a", "b");
    private static final String SIDE = "side.<" + String.join("|", SIDES) + ">.";

    public static final ConfigKey<String> NAME = of("name", ValueType.TEXT, REQUIRED,
            "The sync's name: 1-31 lower-case letters, digits, '-' or '_', starting with a letter. Consumer groups, "
                    + "offsets rows, metric tags and logs carry it.");
    public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS = of("kafka.bootstrap.servers", ValueType.TEXT,
            REQUIRED, "The Kafka brokers, e.g. kafka1:9092,kafka2:9092.");
    public static final ConfigKey<String> KAFKA_PROPERTY = of("kafka.<property>", ValueType.TEXT, NONE,
            "Any other Kafka client property (security, timeouts), e.g. kafka.security.protocol=SASL_SSL; bisync's "
                    + "own consumer settings take precedence.");
    public static final ConfigKey<String> PRIORITY_SIDE = of("priority-side", ValueType.TEXT, "side A",
            "The name of the side whose change wins a tie.");
    public static final ConfigKey<Long> ECHO_ID = withDefault("echo-id", ValueType.LONG,
            DEFAULTS.echo().numericId(), "The number that marks bisync's writes, 1 to 4294967295: MariaDB "
                    + "gtid_domain_id, MySQL server_id. No application session and no server of the topology may "
                    + "use it.");
    public static final ConfigKey<Integer> BATCH_SIZE = withDefault("batch-size", ValueType.INT,
            DEFAULTS.batchSize(), "The most records a lane reads and applies in one transaction, 1 to 100000 "
                    + "(max.poll.records).");
    public static final ConfigKey<Duration> POLL_TIMEOUT = withDefault("poll-timeout", ValueType.DURATION,
            DEFAULTS.pollTimeout(), "How long one poll waits for records: more than 0, at most 1 minute.");
    public static final ConfigKey<Integer> EVENT_ATTEMPTS = withDefault("event-attempts", ValueType.INT,
            DEFAULTS.eventAttempts(), "How many times a change that fails for its own data (a constraint "
                    + "violation, a value the target column cannot hold) is tried before it is dead-lettered, 1 to "
                    + "10; 1 dead-letters it at once.");
    public static final ConfigKey<String> INSTANCE_ID = of("instance-id", ValueType.TEXT, "the host name",
            "This application instance in the lanes' consumer groups (static membership: the consumer is "
                    + "<sync>-<lane>-<id>). Two instances of one sync on one host need different ids; a restarted "
                    + "instance must keep its id. At most 100 letters, digits, '.', '_', '-'; empty turns static "
                    + "membership off.");
    public static final ConfigKey<TableMapper> TABLE_MAPPER = of("table-mapper",
            ValueType.instanceOf(TableMapper.class), "none: same names on both sides",
            "The class of the TableMapper that renames tables and columns and transforms values between the sides.");
    public static final ConfigKey<List<SyncListener>> LISTENERS = of("listeners",
            ValueType.instancesOf(SyncListener.class), NONE, "The classes of the SyncListeners to call, in order.");

    public static final ConfigKey<String> SIDE_NAME = of(SIDE + "name", ValueType.TEXT, REQUIRED,
            "A short name for the side, in logs, metrics and lane names, e.g. mariadb or postgres: 1-31 "
                    + "lower-case letters, digits, '-' or '_'.");
    public static final ConfigKey<String> SIDE_JDBC_URL = of(SIDE + "jdbc-url", ValueType.TEXT, REQUIRED,
            "The JDBC URL bisync writes through, e.g. jdbc:mariadb://db1:3306/shop (MariaDB Connector/J 3.5.6 or "
                    + "newer), jdbc:mysql://db1:3306/shop (MySQL Connector/J) or jdbc:postgresql://db2:5432/shop.");
    public static final ConfigKey<String> SIDE_JDBC_PROPERTY = of(SIDE + "jdbc.<property>", ValueType.TEXT,
            NONE, "An extra JDBC connection property, e.g. side.b.jdbc.sslmode=require. Unless given here, bisync "
                    + "has the driver send a batch as one multi-row statement: rewriteBatchedStatements=true (MySQL "
                    + "Connector/J, MariaDB Connector/J), reWriteBatchedInserts=true (PostgreSQL).");
    public static final ConfigKey<String> SIDE_USER = of(SIDE + "user", ValueType.TEXT, REQUIRED,
            "The database user bisync writes as.");
    public static final ConfigKey<String> SIDE_PASSWORD = of(SIDE + "password", ValueType.SECRET, "empty",
            "The user's password; prefer password-env, which keeps it out of the file.");
    public static final ConfigKey<String> SIDE_PASSWORD_ENV = of(SIDE + "password-env", ValueType.TEXT, NONE,
            "The environment variable that holds the user's password; it must be set.");
    public static final ConfigKey<String> SIDE_NAMESPACE = of(SIDE + "namespace", ValueType.TEXT, REQUIRED,
            "The schema (PostgreSQL) or database (MySQL/MariaDB) of the synced tables.");
    public static final ConfigKey<String> SIDE_TOPIC_PREFIX = of(SIDE + "topic-prefix", ValueType.TEXT,
            REQUIRED, "The topic.prefix of the side's Debezium connector; its change topics are "
                    + "<prefix>.<namespace>.<table>.");
    public static final ConfigKey<List<String>> SIDE_TABLES = of(SIDE + "tables", ValueType.LIST, REQUIRED,
            "The synced tables, by name in the namespace.");
    public static final ConfigKey<EchoMarking> SIDE_ECHO_MARKING = withDefault(SIDE + "echo-marking",
            ValueType.ECHO_MARKING, DEFAULTS.sideA().echoMarking(), "How bisync marks the transactions it writes into the side, so "
                    + "that they are not applied back: auto uses the database's own session mark (PostgreSQL "
                    + "replication origin, MariaDB GTID domain, MySQL 8.3+ GTID tag) where the server and the account "
                    + "allow it, else marker rows (with a warning that says why); marker-rows always bumps a row of "
                    + "bisync_echo_marks per transaction, captured with the synced tables (see "
                    + "[compatibility.md](compatibility.md)).");
    public static final ConfigKey<String> SIDE_CONNECTOR = of(SIDE + "connector", ValueType.TEXT, NONE,
            "The name of the side's Debezium connector in Kafka Connect, whose state counts in the health; needs "
                    + "the Connect URL (below).");

    public static final ConfigKey<ConflictStrategy> CONFLICT_STRATEGY = withDefault("conflict.strategy",
            ValueType.STRATEGY, DEFAULTS.conflictStrategy("any"), "How conflicts are settled on tables without a "
                    + "strategy of their own.");
    public static final ConfigKey<ConflictStrategy> TABLE_CONFLICT_STRATEGY = of("conflict.strategy.<table>",
            ValueType.STRATEGY, "as " + CONFLICT_STRATEGY.name(), "How conflicts are settled on one table (by name, "
                    + "on both sides), e.g. ranked:status:pending<paid<shipped | last-write-wins for orders.");
    public static final ConfigKey<ConflictDetection> CONFLICT_DETECTION = withDefault("conflict.detection",
            ValueType.DETECTION, DEFAULTS.conflictDetection("any"), "How conflicts are detected on tables without a "
                    + "detection of their own.");
    public static final ConfigKey<ConflictDetection> TABLE_CONFLICT_DETECTION = of("conflict.detection.<table>",
            ValueType.DETECTION, "as " + CONFLICT_DETECTION.name(), "How conflicts are detected on one table (by "
                    + "name, on both sides).");
    public static final ConfigKey<ReferenceRule> REFERENCE_RULE = withDefault("conflict.reference",
            ValueType.REFERENCE_RULE, DEFAULTS.referenceRule("any", "other"), "How a foreign-key conflict is "
                    + "settled on relationships without a rule of their own.");
    public static final ConfigKey<ReferenceRule> RELATIONSHIP_REFERENCE_RULE = of(
            "conflict.reference.<child table>.<parent table>", ValueType.REFERENCE_RULE,
            "as " + REFERENCE_RULE.name(),
            "How a foreign-key conflict between the child table (which holds the foreign key) and the parent table "
                    + "(which it refers to) is settled, e.g. conflict.reference.order_items.orders=insert-wins.");

    public static final ConfigKey<String> CONNECT_URL = of("connect.url", ValueType.TEXT, NONE,
            "The Kafka Connect REST URL, e.g. http://connect:8083: a FAILED connector or task named by "
                    + SIDE_CONNECTOR.name() + " makes the health DOWN (and alerts), a paused or restarting one "
                    + "DEGRADED.");
    public static final ConfigKey<Long> ALERT_LAG_RECORDS = withDefault("alert.lag-records", ValueType.LONG,
            ALERTS.lagRecords(), "Alert when this many records wait in a lane's topics (0: off).");
    public static final ConfigKey<Long> ALERT_LAG_SECONDS = withDefault("alert.lag-seconds", ValueType.LONG,
            ALERTS.lagSeconds(), "Alert when a lane is this many seconds behind its source (0: off).");
    public static final ConfigKey<Long> ALERT_LAG_FOR_SECONDS = withDefault("alert.lag-for-seconds", ValueType.LONG,
            ALERTS.lagFor().toSeconds(), "How many seconds a lag must last before it alerts.");
    public static final ConfigKey<Double> ALERT_ERRORS_PER_MINUTE = withDefault("alert.errors-per-minute",
            ValueType.DECIMAL, ALERTS.errorsPerMinute(), "Alert over this many failed or dead-lettered events a "
                    + "minute in a lane (0: off).");
    public static final ConfigKey<Long> ALERT_DLQ_GROWTH = withDefault("alert.dlq-growth", ValueType.LONG,
            ALERTS.dlqGrowth(), "Alert over this many dead letters in a lane within the window below (0: off).");
    public static final ConfigKey<Long> ALERT_DLQ_WINDOW_MINUTES = withDefault("alert.dlq-window-minutes",
            ValueType.LONG, ALERTS.dlqWindow().toMinutes(), "The window of the dead-letter alert above, in minutes.");
    public static final ConfigKey<Boolean> ALERT_CONNECTOR_FAILURE = withDefault("alert.connector-failure",
            ValueType.BOOLEAN, ALERTS.connectorFailure(), "Whether a failed connector or task alerts (needs "
                    + CONNECT_URL.name() + ").");
    public static final ConfigKey<Long> ALERT_DEAD_LETTERS = withDefault("alert.dead-letters", ValueType.LONG,
            ALERTS.deadLettering(), "A lane with more dead letters within the symptom window below is DEGRADED "
                    + "(0: off).");
    public static final ConfigKey<Long> ALERT_RETRIES = withDefault("alert.retries", ValueType.LONG,
            ALERTS.retrying(), "A lane with more retried batch attempts within the window is DEGRADED (0: off).");
    public static final ConfigKey<Long> ALERT_PARKED_CONFLICTS = withDefault("alert.parked-conflicts",
            ValueType.LONG, ALERTS.parking(), "A lane with more conflicts parked for manual resolution within the "
                    + "window is DEGRADED (0: off).");
    public static final ConfigKey<Long> ALERT_SYMPTOM_WINDOW_SECONDS = withDefault("alert.symptom-window-seconds",
            ValueType.LONG, ALERTS.symptomWindow().toSeconds(), "The window of the three counts above, in seconds.");
    public static final ConfigKey<Long> ALERT_STALLED_SECONDS = withDefault("alert.stalled-seconds", ValueType.LONG,
            ALERTS.stalledAfter().toSeconds(), "A lane that applies nothing this many seconds while records wait is "
                    + "DEGRADED (0: off).");
    public static final ConfigKey<Long> ALERT_LAG_UNKNOWN_SECONDS = withDefault("alert.lag-unknown-seconds",
            ValueType.LONG, ALERTS.lagUnknownAfter().toSeconds(), "A lane that does not know its lag this many "
                    + "seconds (no partitions assigned yet, say) is DEGRADED (0: off).");

    public static final ConfigKey<Duration> VERIFY_INTERVAL = of("verify.interval", ValueType.DURATION, "off",
            "Verify both sides while the lanes run, every so long (from the end of one verify to the start of the "
                    + "next), e.g. 6h; off when unset or 0. Findings in the bisync.verify.* meters; drift raises the "
                    + "alert VERIFY_DRIFT (docs/verify.md).");
    public static final ConfigKey<Integer> VERIFY_CHUNK_ROWS = withDefault("verify.chunk-rows", ValueType.INT,
            VerifySchedule.OFF.chunkRows(), "Side A's rows per chunk of the scheduled verify, 1 to 1000000.");
    public static final ConfigKey<Duration> VERIFY_CAPTURE_ALLOWANCE = withDefault("verify.capture-allowance",
            ValueType.DURATION, VerifySchedule.OFF.captureAllowance(), "How long a committed change may take to "
                    + "reach Kafka: a differing row is read again once the lanes have applied what Kafka held this "
                    + "long after it was read; 0 to 10 minutes.");

    /** The keys in groups, in the order the documentation lists them. */
    public static final List<Section> SECTIONS = List.of(
            new Section("The sync", List.of(NAME, KAFKA_BOOTSTRAP_SERVERS, KAFKA_PROPERTY, PRIORITY_SIDE, ECHO_ID,
                    BATCH_SIZE, POLL_TIMEOUT, EVENT_ATTEMPTS, INSTANCE_ID, TABLE_MAPPER, LISTENERS)),
            new Section("The two sides", List.of(SIDE_NAME, SIDE_JDBC_URL, SIDE_JDBC_PROPERTY, SIDE_USER,
                    SIDE_PASSWORD, SIDE_PASSWORD_ENV, SIDE_NAMESPACE, SIDE_TOPIC_PREFIX, SIDE_TABLES, SIDE_ECHO_MARKING,
                    SIDE_CONNECTOR)),
            new Section("Conflicts", List.of(CONFLICT_STRATEGY, TABLE_CONFLICT_STRATEGY, CONFLICT_DETECTION,
                    TABLE_CONFLICT_DETECTION, REFERENCE_RULE, RELATIONSHIP_REFERENCE_RULE)),
            new Section("Health and alerts", List.of(CONNECT_URL, ALERT_LAG_RECORDS, ALERT_LAG_SECONDS,
                    ALERT_LAG_FOR_SECONDS, ALERT_ERRORS_PER_MINUTE, ALERT_DLQ_GROWTH, ALERT_DLQ_WINDOW_MINUTES,
                    ALERT_CONNECTOR_FAILURE, ALERT_DEAD_LETTERS, ALERT_RETRIES, ALERT_PARKED_CONFLICTS,
                    ALERT_SYMPTOM_WINDOW_SECONDS, ALERT_STALLED_SECONDS, ALERT_LAG_UNKNOWN_SECONDS)),
            new Section("Online verify", List.of(VERIFY_INTERVAL, VERIFY_CHUNK_ROWS, VERIFY_CAPTURE_ALLOWANCE)));

    /** Every key. */
    public static final List<ConfigKey<?>> ALL = SECTIONS.stream().flatMap(s -> s.keys().stream())
            .<ConfigKey<?>>map(k -> k).toList();

    private SyncConfigKeys() {
    }

    /**
     * Keys the documentation lists together.
     *
     * @param title the heading
     * @param keys  the keys
     */
    public record Section(String title, List<ConfigKey<?>> keys) {
    }

    private static SideConfig placeholderSide(String name) {
        return new SideConfig(name, DatabaseConfig.of("jdbc:none", NONE, ""), NONE, name, List.of("any"));
    }
}
