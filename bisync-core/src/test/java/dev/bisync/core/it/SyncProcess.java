package dev.bisync.core.it;

import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A {@link SyncMain} in a process of its own, its output in a log file under {@code target}. */
final class SyncProcess {

    final Process process;
    final Path log;

    private SyncProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the sync {@code name} over {@code tables} in a new JVM and, when {@code awaitStarted}, waits until it
     * prints STARTED (both lanes UP).
     *
     * @param env more environment, e.g. {@code BISYNC_BATCH}, {@code BISYNC_INSTANCE_ID}
     */
    static SyncProcess start(EmbeddedStack stack, String name, String tables, String logName, Map<String, String> env,
            boolean awaitStarted) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = Path.of("target", logName);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, SyncMain.class.getName(), name, tables)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> e = pb.environment();
        e.put("BISYNC_KAFKA", stack.kafkaBootstrapServers());
        DatabaseEndpoint a = stack.mariadbServer().bisyncUser();
        DatabaseEndpoint b = stack.postgresServer().bisyncUser();
        e.put("BISYNC_A_URL", a.jdbcUrl());
        e.put("BISYNC_A_USER", a.user());
        e.put("BISYNC_A_PASSWORD", a.password());
        e.put("BISYNC_A_NAMESPACE", EmbeddedStack.DATABASE);
        e.put("BISYNC_B_URL", b.jdbcUrl());
        e.put("BISYNC_B_USER", b.user());
        e.put("BISYNC_B_PASSWORD", b.password());
        e.put("BISYNC_B_NAMESPACE", "public");
        e.putAll(env);
        SyncProcess started = new SyncProcess(pb.start(), log);
        if (awaitStarted) {
            started.awaitLine("STARTED", 60_000);
        }
        return started;
    }

    /** Waits until the output holds {@code text}; fails when the process dies or the time runs out. */
    void awaitLine(String text, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (output().contains(text)) {
                return;
            }
            assertTrue(process.isAlive(), () -> "sync process died: " + output());
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("sync process did not print " + text + ": " + output());
    }

    /** What the process printed so far. */
    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Kills it as {@code kill -9} does and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }
}
