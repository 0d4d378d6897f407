package dev.bisync.api.config;

import dev.bisync.spi.ConflictDetection;
import dev.bisync.spi.ConflictStrategy;
import dev.bisync.spi.EchoIdentity;
import dev.bisync.spi.SyncListener;
import dev.bisync.spi.TableMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole configuration of one bidirectional sync: the two sides, Kafka, and the rules. Immutable; made with
 * {@link #builder()}, whose {@link Builder#build()} checks everything at once and throws one
 * {@link ConfigException} listing every problem with its fix.
 */
public final class SyncConfig {

    /** Default records per batch ({@code max.poll.records}). */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** Default MariaDB {@code gtid_domain_id} / MySQL {@code server_id} that marks bisync's writes. */
    public static final long DEFAULT_ECHO_ID = 45_404;
    /** Default number of times a change that fails for its own data is tried before it is dead-lettered. */
    public static final int DEFAULT_EVENT_ATTEMPTS = 3;
    /** Default wait of one poll. */
    static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(50);

    private final String name;
    private final String kafkaBootstrapServers;
    private final Map<String, String> kafkaProperties;
    private final SideConfig sideA;
    private final SideConfig sideB;
    private final String prioritySide;
    private final EchoIdentity echo;
    private final int batchSize;
    private final Duration pollTimeout;
    private final int eventAttempts;
    private final ConflictStrategy defaultConflictStrategy;
    private final Map<String, ConflictStrategy> conflictStrategies;
    private final ConflictDetection defaultConflictDetection;
    private final Map<String, ConflictDetection> conflictDetections;
    private final ReferenceRule defaultReferenceRule;
    private final Map<String, ReferenceRule> referenceRules;
    private final TableMapper tableMapper;
    private final AlertRules alertRules;
    private final VerifySchedule verifySchedule;
    private final String connectUrl;
    private final Map<String, String> connectors;
    private final List<SyncListener> listeners;
    private final String instanceId;

    private SyncConfig(Builder b) {
        this.name = b.name;
        this.kafkaBootstrapServers = b.kafkaBootstrapServers;
        this.kafkaProperties = Map.copyOf(b.kafkaProperties);
        this.sideA = b.sideA;
        this.sideB = b.sideB;
        this.prioritySide = b.prioritySide != null ? b.prioritySide : b.sideA.name();
        this.echo = new EchoIdentity("bisync_" + b.name.replace('-', '_'), b.echoId);
        this.batchSize = b.batchSize;
        this.pollTimeout = b.pollTimeout;
        this.eventAttempts = b.eventAttempts;
        this.defaultConflictStrategy = b.defaultConflictStrategy;
        this.conflictStrategies = Map.copyOf(b.conflictStrategies);
        this.defaultConflictDetection = b.defaultConflictDetection;
        this.conflictDetections = Map.copyOf(b.conflictDetections);
        this.defaultReferenceRule = b.defaultReferenceRule;
        this.referenceRules = Map.copyOf(b.referenceRules);
        this.tableMapper = b.tableMapper;
        this.alertRules = b.alertRules;
        this.verifySchedule = b.verifySchedule;
        this.connectUrl = b.connectUrl;
        this.connectors = Map.copyOf(b.connectors);
        this.listeners = List.copyOf(b.listeners);
        this.instanceId = b.instanceId != null ? b.instanceId : InstanceIds.hostName();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The sync's name: consumer group ids, offsets rows, metric tags and logs carry it. */
    public String name() {
        return name;
    }

    /** The Kafka brokers. */
    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** Extra Kafka consumer/producer properties (security settings, for instance). */
    public Map<String, String> kafkaProperties() {
        return kafkaProperties;
    }

    /** The first side. */
    public SideConfig sideA() {
        return sideA;
    }

    /** The second side. */
    public SideConfig sideB() {
        return sideB;
    }

    /** The side whose change wins a tie. */
    public String prioritySide() {
        return prioritySide;
    }

    /** How bisync's writes are marked (echo prevention). */
    public EchoIdentity echo() {
        return echo;
    }

    /** The most records a lane reads and applies in one transaction. */
    public int batchSize() {
        return batchSize;
    }

    /** How long a lane waits for records in one poll. */
    public Duration pollTimeout() {
        return pollTimeout;
    }

    /**
     * How many times a change that fails for its own data (a constraint violation, a value the target column
     * cannot hold, a column the target lacks) is tried before it goes to the lane's dead-letter topic.
     */
    public int eventAttempts() {
        return eventAttempts;
    }

    /** The conflict strategy for a table (by name), or the default one. */
    public ConflictStrategy conflictStrategy(String table) {
        return conflictStrategies.getOrDefault(table, defaultConflictStrategy);
    }

    /** How conflicts are detected on a table (by name), or the default way. */
    public ConflictDetection conflictDetection(String table) {
        return conflictDetections.getOrDefault(table, defaultConflictDetection);
    }

    /**
     * How a foreign-key conflict between a row of {@code childTable} and the row of {@code parentTable} it refers to
     * is settled (table names as the target database spells them; they are the same on both sides unless a
     * {@link TableMapper} renames tables), or the default rule ({@link ReferenceRule#DELETE_WINS} unless set).
     */
    public ReferenceRule referenceRule(String childTable, String parentTable) {
        return referenceRules.getOrDefault(childTable + "->" + parentTable, defaultReferenceRule);
    }

    /** The table mapper. */
    public TableMapper tableMapper() {
        return tableMapper;
    }

    /** The alert thresholds. */
    public AlertRules alertRules() {
        return alertRules;
    }

    /** The verify the running sync makes by itself; {@link VerifySchedule#OFF} by default. */
    public VerifySchedule verifySchedule() {
        return verifySchedule;
    }

    /** The Kafka Connect REST URL whose connectors' state counts in the sync's health, or null. */
    public String connectUrl() {
        return connectUrl;
    }

    /** The Debezium connector name of each side (by side name) whose state counts in the health; may be empty. */
    public Map<String, String> connectors() {
        return connectors;
    }

    /** The listeners. */
    public List<SyncListener> listeners() {
        return listeners;
    }

    /**
     * This application instance's name in the lanes' consumer groups: each lane's consumer is the static member
     * {@code <sync>-<lane>-<instanceId>} ({@code group.instance.id}), so that an instance restarted after a crash gets
     * its partitions back at once instead of waiting for the dead member's session to time out. Default: the host
     * name. Empty: no static membership.
     */
    public String instanceId() {
        return instanceId;
    }

    @Override
    public String toString() {
        return "SyncConfig[" + name + ": " + sideA.name() + " " + sideA.database() + " <-> " + sideB.name() + " "
                + sideB.database() + ", kafka " + kafkaBootstrapServers + "]";
    }

    /** Collects the settings; {@link #build()} validates them all at once. */
    public static final class Builder {

        String name;
        String kafkaBootstrapServers;
        final Map<String, String> kafkaProperties = new HashMap<>();
        SideConfig sideA;
        SideConfig sideB;
        String prioritySide;
        long echoId = DEFAULT_ECHO_ID;
        int batchSize = DEFAULT_BATCH_SIZE;
        Duration pollTimeout = DEFAULT_POLL_TIMEOUT;
        int eventAttempts = DEFAULT_EVENT_ATTEMPTS;
        ConflictStrategy defaultConflictStrategy = ConflictStrategy.defaultStrategy();
        final Map<String, ConflictStrategy> conflictStrategies = new LinkedHashMap<>();
        ConflictDetection defaultConflictDetection = ConflictDetection.byOldValues();
        final Map<String, ConflictDetection> conflictDetections = new LinkedHashMap<>();
        ReferenceRule defaultReferenceRule = ReferenceRule.DELETE_WINS;
        final Map<String, ReferenceRule> referenceRules = new LinkedHashMap<>();
        TableMapper tableMapper = TableMapper.IDENTITY;
        AlertRules alertRules = AlertRules.DEFAULT;
        VerifySchedule verifySchedule = VerifySchedule.OFF;
        String connectUrl;
        final Map<String, String> connectors = new LinkedHashMap<>();
        final List<SyncListener> listeners = new ArrayList<>();
        String instanceId;

        private Builder() {
        }

        /** Required. Lower-case letters, digits, {@code -} and {@code _}, starting with a letter. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Required. The Kafka {@code bootstrap.servers}. */
        public Builder kafkaBootstrapServers(String servers) {
            this.kafkaBootstrapServers = servers;
            return this;
        }

        /** Adds a Kafka client property (security, timeouts); bisync's own consumer settings take precedence. */
        public Builder kafkaProperty(String key, String value) {
            kafkaProperties.put(key, value);
            return this;
        }

        /** Required. One database of the pair. */
        public Builder sideA(SideConfig side) {
            this.sideA = side;
            return this;
        }

        /** Required. The other database of the pair. */
        public Builder sideB(SideConfig side) {
            this.sideB = side;
            return this;
        }

        /** The side whose change wins a tie; default: side A. */
        public Builder prioritySide(String sideName) {
            this.prioritySide = sideName;
            return this;
        }

        /**
         * The number that marks bisync's writes: MariaDB {@code gtid_domain_id}, MySQL {@code server_id}. No
         * application session and no server of the topology may use it. Default {@value SyncConfig#DEFAULT_ECHO_ID}.
         */
        public Builder echoId(long id) {
            this.echoId = id;
            return this;
        }

        /** Records per batch, 1 to 100,000; default {@value SyncConfig#DEFAULT_BATCH_SIZE}. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** How long one poll waits for records; default 50 ms. */
        public Builder pollTimeout(Duration timeout) {
            this.pollTimeout = timeout;
            return this;
        }

        /**
         * How many times a change that fails for its own data is tried (the target's metadata read again between
         * tries) before it is dead-lettered, 1 to 10; default {@value SyncConfig#DEFAULT_EVENT_ATTEMPTS}. A record
         * that cannot be decoded is dead-lettered at once: decoding it again gives the same answer.
         */
        public Builder eventAttempts(int attempts) {
            this.eventAttempts = attempts;
            return this;
        }

        /** The strategy for tables without their own; default {@link ConflictStrategy#defaultStrategy()}. */
        public Builder conflictStrategy(ConflictStrategy strategy) {
            this.defaultConflictStrategy = strategy;
            return this;
        }

        /** The strategy for one table (by name, on both sides). */
        public Builder conflictStrategy(String table, ConflictStrategy strategy) {
            conflictStrategies.put(table, strategy);
            return this;
        }

        /** The foreign-key rule for relationships without their own; default {@link ReferenceRule#DELETE_WINS}. */
        public Builder referenceRule(ReferenceRule rule) {
            this.defaultReferenceRule = rule;
            return this;
        }

        /**
         * The foreign-key rule for the relationship from {@code childTable} (the table holding the foreign key) to
         * {@code parentTable} (the table it refers to), by table name on both sides; e.g.
         * {@code referenceRule("order_items", "orders", ReferenceRule.INSERT_WINS)}.
         */
        public Builder referenceRule(String childTable, String parentTable, ReferenceRule rule) {
            referenceRules.put(childTable + "->" + parentTable, rule);
            return this;
        }

        /** How conflicts are detected on tables without their own; default {@link ConflictDetection#byOldValues()}. */
        public Builder conflictDetection(ConflictDetection detection) {
            this.defaultConflictDetection = detection;
            return this;
        }

        /** How conflicts are detected on one table (by name, on both sides). */
        public Builder conflictDetection(String table, ConflictDetection detection) {
            conflictDetections.put(table, detection);
            return this;
        }

        /** The table mapper; default {@link TableMapper#IDENTITY}. */
        public Builder tableMapper(TableMapper mapper) {
            this.tableMapper = mapper;
            return this;
        }

        /** The alert thresholds; default {@link AlertRules#DEFAULT}. */
        public Builder alertRules(AlertRules rules) {
            this.alertRules = rules;
            return this;
        }

        /** A verify the running sync makes by itself, every so often; default {@link VerifySchedule#OFF}. */
        public Builder verifySchedule(VerifySchedule schedule) {
            this.verifySchedule = schedule;
            return this;
        }

        /**
         * Watch the Debezium connectors' state through this Kafka Connect REST URL: a FAILED connector or task makes
         * the sync's health DOWN (and raises an alert), a paused or restarting one DEGRADED.
         *
         * @param connectorsBySide the connector name of each side, by side name
         */
        public Builder connect(String url, Map<String, String> connectorsBySide) {
            this.connectUrl = url;
            this.connectors.clear();
            this.connectors.putAll(connectorsBySide);
            return this;
        }

        /**
         * Names this application instance in the lanes' consumer groups (static membership: the lane's consumer is
         * {@code <sync>-<lane>-<id>}); default the host name. Two instances of one sync on one host need different
         * ids (the second to join would fence the first out of the group); an instance restarted on its host must
         * keep its id. Letters, digits, '.', '_', '-', at most 100; empty turns static membership off (a restart
         * after a crash then waits for the session timeout, {@code session.timeout.ms}, 45 s by default).
         */
        public Builder instanceId(String id) {
            this.instanceId = id;
            return this;
        }

        /** Adds a listener. */
        public Builder listener(SyncListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Checks every setting and makes the configuration.
         *
         * @throws ConfigException listing every problem, each with its fix
         */
        public SyncConfig build() {
            List<String> problems = SyncConfigChecks.problems(this);
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new SyncConfig(this);
        }
    }
}
