package dev.bisync.api.config;

import dev.bisync.spi.ConflictDetection;
import dev.bisync.spi.ConflictStrategy;
import dev.bisync.spi.EchoIdentity;
import dev.bisync.spi.SyncListener;
import dev.bisync.spi.TableMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

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
    private static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(50);

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

        private String name;
        private String kafkaBootstrapServers;
        private final Map<String, String> kafkaProperties = new HashMap<>();
        private SideConfig sideA;
        private SideConfig sideB;
        private String prioritySide;
        private long echoId = DEFAULT_ECHO_ID;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration pollTimeout = DEFAULT_POLL_TIMEOUT;
        private int eventAttempts = DEFAULT_EVENT_ATTEMPTS;
        private ConflictStrategy defaultConflictStrategy = ConflictStrategy.defaultStrategy();
        private final Map<String, ConflictStrategy> conflictStrategies = new LinkedHashMap<>();
        private ConflictDetection defaultConflictDetection = ConflictDetection.byOldValues();
        private final Map<String, ConflictDetection> conflictDetections = new LinkedHashMap<>();
        private ReferenceRule defaultReferenceRule = ReferenceRule.DELETE_WINS;
        private final Map<String, ReferenceRule> referenceRules = new LinkedHashMap<>();
        private TableMapper tableMapper = TableMapper.IDENTITY;
        private AlertRules alertRules = AlertRules.DEFAULT;
        private String connectUrl;
        private final Map<String, String> connectors = new LinkedHashMap<>();
        private final List<SyncListener> listeners = new ArrayList<>();
        private String instanceId;

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
            List<String> problems = new ArrayList<>();
            if (name == null || !name.matches("[a-z][a-z0-9_-]{0,30}")) {
                problems.add("name is '" + name + "': set name(...) to 1-31 lower-case letters, digits, '-' or '_', "
                        + "starting with a letter (it names consumer groups and offsets rows)");
            }
            if (kafkaBootstrapServers == null || kafkaBootstrapServers.isBlank()) {
                problems.add("kafkaBootstrapServers is not set: set it to the brokers, e.g. 'kafka1:9092,kafka2:9092'");
            }
            checkSide("sideA", sideA, problems);
            checkSide("sideB", sideB, problems);
            if (sideA != null && sideB != null && Objects.equals(sideA.name(), sideB.name())) {
                problems.add("both sides are named '" + sideA.name() + "': give each side its own name");
            }
            if (sideA != null && sideB != null && Objects.equals(sideA.topicPrefix(), sideB.topicPrefix())) {
                problems.add("both sides use topic prefix '" + sideA.topicPrefix()
                        + "': each side's connector needs its own topic.prefix");
            }
            if (prioritySide != null && (sideA == null || !prioritySide.equals(sideA.name()))
                    && (sideB == null || !prioritySide.equals(sideB.name()))) {
                problems.add("prioritySide is '" + prioritySide + "', which is neither side: use the name of side A "
                        + "or side B");
            }
            if (echoId < 1 || echoId > 4294967295L) {
                problems.add("echoId is " + echoId + ": use 1..4294967295, a number no session or server uses as "
                        + "its GTID domain or server id");
            }
            if (batchSize < 1 || batchSize > 100_000) {
                problems.add("batchSize is " + batchSize + ": use 1..100000 (default " + DEFAULT_BATCH_SIZE + ")");
            }
            if (pollTimeout == null || pollTimeout.isNegative() || pollTimeout.isZero()
                    || pollTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
                problems.add("pollTimeout is " + pollTimeout + ": use more than 0 and at most 1 minute (default "
                        + DEFAULT_POLL_TIMEOUT.toMillis() + " ms)");
            }
            if (eventAttempts < 1 || eventAttempts > 10) {
                problems.add("eventAttempts is " + eventAttempts + ": use 1..10 (default " + DEFAULT_EVENT_ATTEMPTS
                        + "); 1 dead-letters a failing change at once");
            }
            if (defaultConflictStrategy == null) {
                problems.add("conflictStrategy is null: leave it unset for the default, or give a strategy");
            }
            conflictStrategies.forEach((table, strategy) -> {
                if (strategy == null) {
                    problems.add("conflictStrategy for table '" + table + "' is null: give a strategy or leave it out");
                }
            });
            if (defaultConflictDetection == null) {
                problems.add("conflictDetection is null: leave it unset for the default (by old values), or give one");
            }
            conflictDetections.forEach((table, detection) -> {
                if (detection == null) {
                    problems.add("conflictDetection for table '" + table + "' is null: give one or leave it out");
                }
            });
            if (defaultReferenceRule == null) {
                problems.add("referenceRule is null: leave it unset for the default (delete wins), or give one");
            }
            Set<String> tables = new HashSet<>();
            if (sideA != null) {
                tables.addAll(sideA.tables());
            }
            if (sideB != null) {
                tables.addAll(sideB.tables());
            }
            for (String table : union(conflictStrategies.keySet(), conflictDetections.keySet())) {
                if (!tables.isEmpty() && !tables.contains(table)) {
                    problems.add("a conflict strategy or detection is set for table '" + table + "', which neither "
                            + "side lists: fix the table name or add the table to a side");
                }
            }
            referenceRules.forEach((relationship, rule) -> {
                String[] pair = relationship.split("->", 2);
                if (rule == null) {
                    problems.add("referenceRule for " + pair[0] + " -> " + pair[1] + " is null: give a rule or leave "
                            + "it out");
                }
                for (String table : pair) {
                    if (!tables.isEmpty() && !tables.contains(table)) {
                        problems.add("a foreign-key rule is set for " + pair[0] + " -> " + pair[1] + ", but neither "
                                + "side lists table '" + table + "': fix the table name or add the table to a side");
                    }
                }
            });
            if (alertRules == null) {
                problems.add("alertRules is null: leave it unset for the defaults, or give AlertRules.builder()...");
            } else {
                problems.addAll(alertRules.problems());
            }
            if (connectUrl != null && !connectUrl.matches("https?://.+")) {
                problems.add("connect URL is '" + connectUrl + "': give the Kafka Connect REST URL, e.g. "
                        + "http://connect:8083");
            }
            connectors.forEach((side, connector) -> {
                boolean known = sideA != null && side.equals(sideA.name()) || sideB != null && side.equals(sideB.name());
                if (!known) {
                    problems.add("a connector is named for side '" + side + "', which is neither side: use the side "
                            + "names");
                }
                if (connector == null || connector.isBlank()) {
                    problems.add("the connector of side '" + side + "' has no name: give the Connect connector name");
                }
            });
            if (instanceId != null && !instanceId.matches("[A-Za-z0-9._-]{0,100}")) {
                problems.add("instanceId is '" + instanceId + "': use at most 100 letters, digits, '.', '_' or '-' "
                        + "(default: the host name; empty: no static group membership)");
            }
            if (tableMapper == null) {
                problems.add("tableMapper is null: leave it unset for same names on both sides, or give a mapper");
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new SyncConfig(this);
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> all = new TreeSet<>(a);
            all.addAll(b);
            return all;
        }

        private static void checkSide(String which, SideConfig side, List<String> problems) {
            if (side == null) {
                problems.add(which + " is not set: give it with " + which + "(new SideConfig(...))");
                return;
            }
            String label = which + " '" + side.name() + "'";
            if (side.name() == null || !side.name().matches("[a-z][a-z0-9_-]{0,30}")) {
                problems.add(which + " name is '" + side.name() + "': use 1-31 lower-case letters, digits, '-' or '_'");
            }
            DatabaseConfig db = side.database();
            if (db == null) {
                problems.add(label + " has no database: give its JDBC URL, user and password");
            } else {
                if (db.jdbcUrl() == null || !db.jdbcUrl().startsWith("jdbc:")) {
                    problems.add(label + " JDBC URL is '" + db.jdbcUrl() + "': it must start with 'jdbc:', e.g. "
                            + "jdbc:postgresql://host:5432/db or jdbc:mysql://host:3306/db");
                }
                if (db.user() == null || db.user().isBlank()) {
                    problems.add(label + " has no database user: set the user bisync writes as");
                }
            }
            if (side.namespace() == null || side.namespace().isBlank()) {
                problems.add(label + " has no namespace: set the schema (PostgreSQL) or database (MySQL/MariaDB) "
                        + "of the synced tables");
            }
            if (side.topicPrefix() == null || !side.topicPrefix().matches("[A-Za-z0-9_.-]+")) {
                problems.add(label + " topic prefix is '" + side.topicPrefix() + "': set it to the Debezium "
                        + "connector's topic.prefix (letters, digits, '.', '_', '-')");
            }
            if (side.tables().isEmpty()) {
                problems.add(label + " lists no tables: name the tables this side captures");
            }
            for (String table : side.tables()) {
                if (table == null || table.isBlank()) {
                    problems.add(label + " lists a blank table name: remove it");
                }
            }
        }
    }
}
