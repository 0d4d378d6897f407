package dev.bisync.benchmarks.convergence;

import dev.bisync.api.config.EchoMarking;
import dev.bisync.api.config.ReferenceRule;
import dev.bisync.testkit.EmbeddedStack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The convergence harness (issue 15): seeded runs of the shop's workload on both sides at once, each on a fresh
 * embedded stack, with the checks of {@link ConvergenceRun}; one {@code RESULT} line per run, exit code 1 when any
 * run failed. Options:
 * <pre>
 * --runs R          runs in a row (default 1); run i uses seed S + i
 * --seed S          the first run's seed (default 1)
 * --seconds T       load per run (default 60)
 * --rate N          transactions per second on each side (default 20)
 * --kill-lanes K    kill -9 the lanes' JVM K times during the load, evenly spaced, and start it again
 * --lane-jvm        the lanes in their own JVM even without kills
 * --restart-connect stop the Kafka Connect worker for 3 s at a third of the load
 * --restart-broker  stop the Kafka broker for 3 s at two thirds of the load
 * --quiesce-limit Q seconds to wait for quiescence after the load (default 120)
 * --reference-rule R  the foreign-key rule of every relationship: delete-wins (default), insert-wins, park
 * --echo-marking M  both sides' echo marking: auto (default) or marker-rows
 * --dump-dir D      where each run writes its conflict records, audit trails and differing rows
 *                   (default target/convergence; "none" for nowhere)
 * </pre>
 * Run: {@code ./mvnw -B -Pbench -pl bisync-benchmarks -am -DskipTests verify
 * -Dbench.main=dev.bisync.benchmarks.convergence.ConvergenceHarness "-Dbench.args=--runs 10 --seconds 60"}.
 */
public final class ConvergenceHarness {

    private ConvergenceHarness() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 1;
        long seed = 1;
        int seconds = 60;
        int rate = 20;
        int kills = 0;
        boolean laneJvm = false;
        boolean connect = false;
        boolean broker = false;
        int quiesce = 120;
        String dump = "target/convergence";
        ReferenceRule rule = ReferenceRule.DELETE_WINS;
        EchoMarking marking = EchoMarking.AUTO;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--kill-lanes" -> kills = Integer.parseInt(args[++i]);
                case "--lane-jvm" -> laneJvm = true;
                case "--restart-connect" -> connect = true;
                case "--restart-broker" -> broker = true;
                case "--quiesce-limit" -> quiesce = Integer.parseInt(args[++i]);
                case "--dump-dir" -> dump = args[++i];
                case "--reference-rule" -> rule = ReferenceRule.ofSpec(args[++i]);
                case "--echo-marking" -> marking = EchoMarking.valueOf(args[++i].toUpperCase(java.util.Locale.ROOT)
                        .replace('-', '_'));
                default -> {
                    System.err.println("unknown option " + args[i] + " (see the javadoc of "
                            + ConvergenceHarness.class.getName() + ")");
                    System.exit(2);
                }
            }
        }
        List<RunResult> results = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            ConvergenceRun.Options options = new ConvergenceRun.Options(seed + run, seconds, rate, kills, connect,
                    broker, laneJvm, Duration.ofSeconds(quiesce), dump.equals("none") ? null : Path.of(dump), rule,
                    marking);
            RunResult result;
            try (EmbeddedStack stack = EmbeddedStack.start()) {
                result = ConvergenceRun.run(stack, options);
            }
            System.out.println(result.report());
            System.out.println(result.line());
            results.add(result);
        }
        System.out.println("==== " + results.size() + " runs, " + results.stream().filter(RunResult::passed).count()
                + " passed");
        results.forEach(r -> System.out.println(r.line()));
        System.exit(results.stream().allMatch(RunResult::passed) ? 0 : 1);
    }
}
