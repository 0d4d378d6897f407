package dev.bisync.benchmarks.convergence;

import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.api.config.EchoMarking;
import dev.bisync.api.config.ReferenceRule;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.StackComponent;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One seeded run of the convergence harness on a stack: the shop's schema on both sides, the sync with its rules,
 * the applications on both sides for the given time with the chosen disruptions (lanes' JVM killed, Connect worker
 * or broker restarted), then quiescence and the checks ({@link RunResult}).
 */
public final class ConvergenceRun {

    /** The sync's name: topics {@code shopmaria.*}, {@code shoppg.*}, dead letters {@code bisync.shop.*.dlq}. */
    public static final String SYNC = "shop";
    private static final int SHOWN = 20;
    private static final Duration OUTAGE = Duration.ofSeconds(3);

    /**
     * @param killLanes      how many times the lanes' JVM is killed during the load (lanes in their own JVM when
     *                       above 0 or {@code laneJvm})
     * @param quiesceLimit   how long to wait for quiescence after the load
     * @param dumpDir        where to write both sides' conflict records and audit trails; null: nowhere
     * @param referenceRule  the foreign-key rule of every relationship
     */
    public record Options(long seed, int seconds, int rate, int killLanes, boolean restartConnect,
            boolean restartBroker, boolean laneJvm, Duration quiesceLimit, Path dumpDir, ReferenceRule referenceRule,
            EchoMarking echoMarking) {

        public Options(long seed, int seconds, int rate, int killLanes, boolean restartConnect,
                boolean restartBroker, boolean laneJvm, Duration quiesceLimit, Path dumpDir) {
            this(seed, seconds, rate, killLanes, restartConnect, restartBroker, laneJvm, quiesceLimit, dumpDir,
                    ReferenceRule.DELETE_WINS, EchoMarking.AUTO);
        }

        String disruptions() {
            List<String> d = new ArrayList<>();
            if (killLanes > 0) {
                d.add("kill-lanes=" + killLanes);
            } else if (laneJvm) {
                d.add("lane-jvm");
            }
            if (restartConnect) {
                d.add("restart-connect");
            }
            if (restartBroker) {
                d.add("restart-broker");
            }
            if (referenceRule != ReferenceRule.DELETE_WINS) {
                d.add("reference-rule=" + referenceRule.spec());
            }
            if (echoMarking != EchoMarking.AUTO) {
                d.add("echo-marking=" + echoMarking);
            }
            return String.join(" ", d);
        }
    }

    private ConvergenceRun() {
    }

    /** Runs once on {@code stack} (whose databases must not hold the shop's tables yet). */
    public static RunResult run(EmbeddedStack stack, Options o) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        ShopSchema.createMariaDb(maria);
        ShopSchema.createPostgres(pg);
        ShopSync sync = new ShopSync(SYNC, o.referenceRule(), o.echoMarking());
        sync.registerConnectors(stack);
        Lanes lanes = o.killLanes() > 0 || o.laneJvm() ? new LaneJvm(stack, SYNC, o.referenceRule().spec(),
                o.echoMarking())
                : new InProcessLanes(sync.config(stack));
        try (lanes; KafkaView kafka = new KafkaView(stack.kafkaBootstrapServers())) {
            lanes.start();
            log("seed %d: lanes up, load %d s at %d transactions/s per side%s", o.seed(), o.seconds(), o.rate(),
                    o.disruptions().isEmpty() ? "" : ", " + o.disruptions());
            KeyRegistry keys = new KeyRegistry();
            Duration load = Duration.ofSeconds(o.seconds());
            ShopApplication appA = new ShopApplication("mariadb", 0, maria, keys, o.seed(), o.rate(), load);
            ShopApplication appB = new ShopApplication("postgres", 1, pg, keys, o.seed(), o.rate(), load);
            Thread a = new Thread(appA, "app-mariadb");
            Thread b = new Thread(appB, "app-postgres");
            Samples samples = new Samples();
            Thread sampler = sampler(stack, sync, samples);
            long t0 = System.nanoTime();
            a.start();
            b.start();
            sampler.start();
            disrupt(stack, sync, lanes, o, t0);
            a.join();
            b.join();
            log("load done: mariadb %s; postgres %s", appA.counts(), appB.counts());
            if (o.restartConnect() || o.restartBroker()) {
                sync.awaitConnectors(stack);
            }
            Quiescence.Outcome quiet = Quiescence.await(kafka, sync, maria, pg, o.quiesceLimit());
            sampler.interrupt();
            sampler.join();
            log("%s after %.1f s: %s", quiet.quiesced() ? "quiescent" : "NOT quiescent", quiet.seconds(), quiet.last());
            log("from the start until quiescence: most lag mariadb-to-postgres %d, postgres-to-mariadb %d records; most orphans %d",
                    samples.lagToPg.get(), samples.lagToMaria.get(), samples.orphans.get());
            return check(stack, sync, kafka, lanes, o, appA, appB, quiet, samples);
        } finally {
            sync.deleteConnectors(stack);
        }
    }

    /** Kills the lanes and restarts Connect and the broker at even intervals during the load. */
    private static void disrupt(EmbeddedStack stack, ShopSync sync, Lanes lanes, Options o, long t0)
            throws Exception {
        TreeMap<Long, String> plan = new TreeMap<>();
        long loadMillis = o.seconds() * 1000L;
        for (int i = 1; i <= o.killLanes(); i++) {
            plan.put(loadMillis * i / (o.killLanes() + 1), "kill");
        }
        if (o.restartConnect()) {
            plan.put(loadMillis / 3 + 1, "connect");
        }
        if (o.restartBroker()) {
            plan.put(loadMillis * 2 / 3 + 2, "broker");
        }
        for (var step : plan.entrySet()) {
            long wait = step.getKey() - (System.nanoTime() - t0) / 1_000_000;
            if (wait > 0) {
                Thread.sleep(wait);
            }
            long at = (System.nanoTime() - t0) / 1_000_000;
            switch (step.getValue()) {
                case "kill" -> {
                    log("%.1f s: kill -9 the lanes' JVM", at / 1e3);
                    lanes.killAndRestart();
                }
                case "connect" -> outage("Kafka Connect worker", stack.connectWorker(), at);
                case "broker" -> outage("Kafka broker", stack.kafka(), at);
                default -> throw new IllegalStateException(step.getValue());
            }
            log("%.1f s: %s done", (System.nanoTime() - t0) / 1e9, step.getValue());
        }
    }

    private static void outage(String name, StackComponent component, long at) throws InterruptedException {
        log("%.1f s: stopping the %s for %d s", at / 1e3, name, OUTAGE.toSeconds());
        component.stop();
        try {
            Thread.sleep(OUTAGE.toMillis());
        } finally {
            component.start();
        }
    }

    /** The most seen by the sampler while the load runs (and until quiescence). */
    private static final class Samples {
        final AtomicLong orphans = new AtomicLong();
        final AtomicLong lagToPg = new AtomicLong();
        final AtomicLong lagToMaria = new AtomicLong();
    }

    /** Every 2 s: orphans on both sides, and both lanes' lag; keeps the most seen. */
    private static Thread sampler(EmbeddedStack stack, ShopSync sync, Samples most) {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        Thread t = new Thread(() -> {
            try (KafkaView kafka = new KafkaView(stack.kafkaBootstrapServers())) {
                while (!Thread.currentThread().isInterrupted()) {
                    most.orphans.accumulateAndGet(RuleCheck.orphans(maria) + RuleCheck.orphans(pg), Math::max);
                    String toPg = ShopSync.LANES.get(0);
                    String toMaria = ShopSync.LANES.get(1);
                    most.lagToPg.accumulateAndGet(kafka.lag(toPg, sync.sourceTopics(toPg), pg), Math::max);
                    most.lagToMaria.accumulateAndGet(kafka.lag(toMaria, sync.sourceTopics(toMaria), maria), Math::max);
                    Thread.sleep(2000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException e) {
                log("sampler stopped: %s", e);
            }
        }, "convergence-sampler");
        t.setDaemon(true);
        return t;
    }

    private static RunResult check(EmbeddedStack stack, ShopSync sync, KafkaView kafka, Lanes lanes, Options o,
            ShopApplication appA, ShopApplication appB, Quiescence.Outcome quiet, Samples samples)
            throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        List<String> details = new ArrayList<>();
        CanonicalRows rowsA = CanonicalRows.read(maria);
        CanonicalRows rowsB = CanonicalRows.read(pg);
        List<CanonicalRows.Difference> differences = rowsA.compare(rowsB);
        Map<String, Integer> differing = new LinkedHashMap<>();
        for (String table : ShopSchema.TABLES) {
            differing.put(table, (int) differences.stream().filter(d -> d.table().equals(table)).count());
            details.add("rows " + table + ": mariadb " + rowsA.count(table) + ", postgres " + rowsB.count(table));
        }
        differences.stream().limit(SHOWN).forEach(d -> details.add("differs: " + d));
        RuleCheck.Findings auditA = RuleCheck.audit("mariadb", maria);
        RuleCheck.Findings auditB = RuleCheck.audit("postgres", pg);
        List<String> violations = new ArrayList<>(auditA.violations());
        violations.addAll(auditB.violations());
        List<String> resurrections = new ArrayList<>(auditA.resurrections());
        resurrections.addAll(auditB.resurrections());
        violations.stream().limit(SHOWN).forEach(v -> details.add("violation: " + v));
        resurrections.stream().limit(SHOWN).forEach(r -> details.add("resurrection: " + r));
        long orphans = Math.max(samples.orphans.get(), RuleCheck.orphans(maria) + RuleCheck.orphans(pg));
        details.add("most lag seen (records, sampled every 2 s): mariadb-to-postgres " + samples.lagToPg.get()
                + ", postgres-to-mariadb " + samples.lagToMaria.get());
        long deadLetters = 0;
        for (String lane : ShopSync.LANES) {
            KafkaView.DeadLetters dlq = kafka.deadLetters(sync.deadLetterTopic(lane));
            deadLetters += dlq.count();
            dlq.first().forEach(l -> details.add("dead letter " + lane + ": " + l));
        }
        Map<String, Long> conflicts = new TreeMap<>();
        for (var side : List.of(Map.entry("mariadb", maria), Map.entry("postgres", pg))) {
            conflicts(side.getValue(), conflicts, details, side.getKey());
        }
        lanes.accounting().forEach(line -> details.add("accounting " + line));
        details.add("applications: mariadb " + appA.counts() + "; postgres " + appB.counts());
        appA.counts().unexpectedMessages().forEach(m -> details.add("unexpected: " + m));
        appB.counts().unexpectedMessages().forEach(m -> details.add("unexpected: " + m));
        if (!quiet.quiesced()) {
            details.add("not quiescent after " + o.quiesceLimit().toSeconds() + " s: " + quiet.last());
        }
        if (o.dumpDir() != null) {
            Path dir = o.dumpDir().resolve("seed-" + o.seed());
            TableDump.write(dir, maria, pg, differences);
            details.add("conflict records, audit trails and differing rows written to " + dir.toAbsolutePath());
        }
        return new RunResult(o.seed(), o.seconds(), o.rate(), appA.counts(), appB.counts(), conflicts, deadLetters,
                differing, violations, resurrections, orphans, quiet.quiesced(), quiet.seconds(), o.disruptions(),
                o.referenceRule() == ReferenceRule.INSERT_WINS, details);
    }

    /** Adds one side's conflict records by decision to {@code total}, and a line per table, operation, decision. */
    private static void conflicts(DatabaseEndpoint side, Map<String, Long> total, List<String> details, String name)
            throws SQLException {
        try (Connection c = side.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT lane, target_table, operation, decision, count(*) FROM "
                    + "bisync_conflicts GROUP BY lane, target_table, operation, decision "
                    + "ORDER BY lane, target_table, operation, decision")) {
                while (rs.next()) {
                    total.merge(rs.getString(4), rs.getLong(5), Long::sum);
                    details.add("conflicts on " + name + ": " + rs.getString(1) + " " + rs.getString(2) + " "
                            + rs.getString(3) + " " + rs.getString(4) + " " + rs.getLong(5));
                }
            }
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("bisync_conflicts")) {
                throw e;
            }
            // no conflict table: the lanes never started on this side
        }
    }

    static void log(String format, Object... args) {
        System.out.println("[convergence] " + String.format(format, args));
    }
}
