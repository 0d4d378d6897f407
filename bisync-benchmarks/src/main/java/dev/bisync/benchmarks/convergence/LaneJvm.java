package dev.bisync.benchmarks.convergence;

import dev.bisync.api.config.EchoMarking;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The lanes in a JVM of their own ({@link ShopLaneProcess}, {@code -Xmx256m}), as {@code LaneProcess} runs the
 * benchmark's lane: killed with {@link Process#destroyForcibly()} (SIGKILL, as {@code kill -9}) and started again.
 * Its output is copied to this one's, prefixed {@code lanes|}; its accounting lines are kept per JVM life.
 */
final class LaneJvm implements Lanes {

    private static final long UP_TIMEOUT_SECONDS = 180;

    private final EmbeddedStack stack;
    private final String syncName;
    private final String referenceRule;
    private final EchoMarking echoMarking;
    private final Map<String, String> lastAccounting = new LinkedHashMap<>();
    private Process process;
    private int life;

    LaneJvm(EmbeddedStack stack, String syncName, String referenceRule, EchoMarking echoMarking) {
        this.stack = stack;
        this.syncName = syncName;
        this.referenceRule = referenceRule;
        this.echoMarking = echoMarking;
    }

    @Override
    public void start() throws Exception {
        life++;
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), ShopLaneProcess.class.getName(),
                syncName, referenceRule, echoMarking.name());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        DatabaseEndpoint a = stack.mariadbServer().bisyncUser();
        DatabaseEndpoint b = stack.postgresServer().bisyncUser();
        Map<String, String> env = pb.environment();
        env.put("CONV_KAFKA", stack.kafkaBootstrapServers());
        env.put("CONV_A_URL", a.jdbcUrl());
        env.put("CONV_A_USER", a.user());
        env.put("CONV_A_PASSWORD", a.password());
        env.put("CONV_B_URL", b.jdbcUrl());
        env.put("CONV_B_USER", b.user());
        env.put("CONV_B_PASSWORD", b.password());
        process = pb.start();
        CountDownLatch up = new CountDownLatch(1);
        Process p = process;
        int thisLife = life;
        Thread reader = new Thread(() -> read(p, thisLife, up), "lanes-output-" + life);
        reader.setDaemon(true);
        reader.start();
        if (!up.await(UP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the lanes' JVM was not UP after " + UP_TIMEOUT_SECONDS + " s");
        }
    }

    private void read(Process p, int thisLife, CountDownLatch up) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.equals("UP")) {
                    up.countDown();
                } else if (line.startsWith("ACCOUNT ")) {
                    String text = line.substring(8);
                    synchronized (this) {
                        lastAccounting.put("life " + thisLife + " " + text.substring(0, text.indexOf(':')), text);
                    }
                } else {
                    System.out.println("lanes| " + line);
                }
            }
        } catch (Exception ignored) {
            // the process ended
        }
    }

    @Override
    public void killAndRestart() throws Exception {
        process.destroyForcibly();
        process.waitFor();
        System.out.println("[convergence] lanes' JVM killed (kill -9), life " + life + "; starting it again");
        start();
    }

    @Override
    public synchronized List<String> accounting() {
        List<String> out = new ArrayList<>();
        lastAccounting.forEach((k, v) -> out.add(k.substring(0, k.indexOf(' ', 5)) + ": " + v));
        return out;
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
