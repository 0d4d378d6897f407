package dev.bisync.api.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static dev.bisync.api.config.SyncConfig.DEFAULT_BATCH_SIZE;
import static dev.bisync.api.config.SyncConfig.DEFAULT_EVENT_ATTEMPTS;
import static dev.bisync.api.config.SyncConfig.DEFAULT_POLL_TIMEOUT;

/** The checks of {@link SyncConfig.Builder#build()}: every problem of the settings, each with its fix. */
final class SyncConfigChecks {

    private SyncConfigChecks() {
    }

    /** Every problem of the builder's settings; empty when they make a usable configuration. */
    static List<String> problems(SyncConfig.Builder b) {
        List<String> problems = new ArrayList<>();
        if (b.name == null || !b.name.matches("[a-z][a-z0-9_-]{0,30}")) {
            problems.add("name is '" + b.name + "': set name(...) to 1-31 lower-case letters, digits, '-' or '_', "
                    + "starting with a letter (it names consumer groups and offsets rows)");
        }
        if (b.kafkaBootstrapServers == null || b.kafkaBootstrapServers.isBlank()) {
            problems.add("kafkaBootstrapServers is not set: set it to the brokers, e.g. 'kafka1:9092,kafka2:9092'");
        }
        checkSide("sideA", b.sideA, problems);
        checkSide("sideB", b.sideB, problems);
        if (b.sideA != null && b.sideB != null && Objects.equals(b.sideA.name(), b.sideB.name())) {
            problems.add("both sides are named '" + b.sideA.name() + "': give each side its own name");
        }
        if (b.sideA != null && b.sideB != null && Objects.equals(b.sideA.topicPrefix(), b.sideB.topicPrefix())) {
            problems.add("both sides use topic prefix '" + b.sideA.topicPrefix()
                    + "': each side's connector needs its own topic.prefix");
        }
        if (b.prioritySide != null && (b.sideA == null || !b.prioritySide.equals(b.sideA.name()))
                && (b.sideB == null || !b.prioritySide.equals(b.sideB.name()))) {
            problems.add("prioritySide is '" + b.prioritySide + "', which is neither side: use the name of side A "
                    + "or side B");
        }
        if (b.echoId < 1 || b.echoId > 4294967295L) {
            problems.add("echoId is " + b.echoId + ": use 1..4294967295, a number no session or server uses as "
                    + "its GTID domain or server id");
        }
        if (b.batchSize < 1 || b.batchSize > 100_000) {
            problems.add("batchSize is " + b.batchSize + ": use 1..100000 (default " + DEFAULT_BATCH_SIZE + ")");
        }
        if (b.pollTimeout == null || b.pollTimeout.isNegative() || b.pollTimeout.isZero()
                || b.pollTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            problems.add("pollTimeout is " + b.pollTimeout + ": use more than 0 and at most 1 minute (default "
                    + DEFAULT_POLL_TIMEOUT.toMillis() + " ms)");
        }
        if (b.eventAttempts < 1 || b.eventAttempts > 10) {
            problems.add("eventAttempts is " + b.eventAttempts + ": use 1..10 (default " + DEFAULT_EVENT_ATTEMPTS
                    + "); 1 dead-letters a failing change at once");
        }
        if (b.defaultConflictStrategy == null) {
            problems.add("conflictStrategy is null: leave it unset for the default, or give a strategy");
        }
        b.conflictStrategies.forEach((table, strategy) -> {
            if (strategy == null) {
                problems.add("conflictStrategy for table '" + table + "' is null: give a strategy or leave it out");
            }
        });
        if (b.defaultConflictDetection == null) {
            problems.add("conflictDetection is null: leave it unset for the default (by old values), or give one");
        }
        b.conflictDetections.forEach((table, detection) -> {
            if (detection == null) {
                problems.add("conflictDetection for table '" + table + "' is null: give one or leave it out");
            }
        });
        if (b.defaultReferenceRule == null) {
            problems.add("referenceRule is null: leave it unset for the default (delete wins), or give one");
        }
        Set<String> tables = new HashSet<>();
        if (b.sideA != null) {
            tables.addAll(b.sideA.tables());
        }
        if (b.sideB != null) {
            tables.addAll(b.sideB.tables());
        }
        for (String table : union(b.conflictStrategies.keySet(), b.conflictDetections.keySet())) {
            if (!tables.isEmpty() && !tables.contains(table)) {
                problems.add("a conflict strategy or detection is set for table '" + table + "', which neither "
                        + "side lists: fix the table name or add the table to a side");
            }
        }
        b.referenceRules.forEach((relationship, rule) -> {
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
        if (b.verifySchedule == null) {
            problems.add("verifySchedule is null: leave it unset for none, or give VerifySchedule.every(...)");
        } else {
            problems.addAll(b.verifySchedule.problems());
        }
        if (b.alertRules == null) {
            problems.add("alertRules is null: leave it unset for the defaults, or give AlertRules.builder()...");
        } else {
            problems.addAll(b.alertRules.problems());
        }
        if (b.connectUrl != null && !b.connectUrl.matches("https?://.+")) {
            problems.add("connect URL is '" + b.connectUrl + "': give the Kafka Connect REST URL, e.g. "
                    + "http://connect:8083");
        }
        b.connectors.forEach((side, connector) -> {
            boolean known = b.sideA != null && side.equals(b.sideA.name()) || b.sideB != null && side.equals(b.sideB.name());
            if (!known) {
                problems.add("a connector is named for side '" + side + "', which is neither side: use the side "
                        + "names");
            }
            if (connector == null || connector.isBlank()) {
                problems.add("the connector of side '" + side + "' has no name: give the Connect connector name");
            }
        });
        if (b.instanceId != null && !b.instanceId.matches("[A-Za-z0-9._-]{0,100}")) {
            problems.add("instanceId is '" + b.instanceId + "': use at most 100 letters, digits, '.', '_' or '-' "
                    + "(default: the host name; empty: no static group membership)");
        }
        if (b.tableMapper == null) {
            problems.add("tableMapper is null: leave it unset for same names on both sides, or give a mapper");
        }
        return problems;
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
