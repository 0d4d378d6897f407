package dev.bisync.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * A complete, real bisync environment in this JVM: PostgreSQL 18 (or the version the system property
 * {@value PostgresServer#VERSION_PROPERTY} names, e.g. {@code 15.14.0}) and MariaDB 11.4 as child processes, a KRaft
 * Kafka broker and a Kafka Connect worker with the Debezium PostgreSQL and MariaDB connectors, all on free
 * loopback ports, all state in a fresh temporary directory that {@link #close()} deletes.
 *
 * <pre>{@code
 * try (EmbeddedStack stack = EmbeddedStack.start()) {
 *     stack.connect().put("pg", DebeziumConnectors.postgres(stack, "pg", "pg", List.of("orders")));
 *     ...
 * }
 * }</pre>
 *
 * Tests share one stack per JVM through {@link EmbeddedStackExtension}. Passwords are random per stack.
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    /** The database created on both servers. */
    public static final String DATABASE = "app";

    private final Path workDirectory;
    private final PostgresServer postgres;
    private final MariaDbServer mariadb;
    private final KafkaBroker kafka;
    private final ConnectWorker connect;
    private final ConnectClient connectClient;
    private final Thread shutdownHook = new Thread(this::close, "bisync-embedded-stack-shutdown");
    private boolean closed;

    private EmbeddedStack(Path workDirectory) {
        this.workDirectory = workDirectory;
        this.postgres = new PostgresServer(workDirectory.resolve("postgres"), DATABASE, secret(), secret(),
                System.getProperty(PostgresServer.VERSION_PROPERTY));
        this.mariadb = new MariaDbServer(workDirectory.resolve("mariadb"), DATABASE, secret(), secret());
        this.kafka = new KafkaBroker(workDirectory.resolve("kafka"));
        this.connect = new ConnectWorker(kafka.bootstrapServers(),
                ConnectPluginFolders.resolve(workDirectory.resolve("connect-plugins")));
        this.connectClient = new ConnectClient(connect.url());
    }

    /** Starts every component and returns when Connect answers; stops what started if one fails. */
    public static EmbeddedStack start() {
        long t0 = System.nanoTime();
        Path work;
        try {
            work = Files.createTempDirectory("bisync-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the stack's work directory", e);
        }
        EmbeddedStack stack = new EmbeddedStack(work);
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            // the two databases and the broker do not depend on each other: start them side by side
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> timed(stack.postgres)),
                    CompletableFuture.runAsync(() -> timed(stack.mariadb)),
                    CompletableFuture.runAsync(() -> timed(stack.kafka))).join();
            timed(stack.connect);
            stack.connectClient.plugins(); // the REST API answers
        } catch (RuntimeException e) {
            stack.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        LOG.info("Embedded stack up in {} ms (work directory {})", (System.nanoTime() - t0) / 1_000_000, work);
        return stack;
    }

    private static void timed(StackComponent component) {
        long t0 = System.nanoTime();
        component.start();
        LOG.info("{} up on 127.0.0.1:{} in {} ms", component.name(), component.port(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** PostgreSQL as its superuser {@code postgres}, on database {@value #DATABASE}. */
    public DatabaseEndpoint postgres() {
        return postgres.superuser();
    }

    /** MariaDB as its all-privileges {@code admin} account, on database {@value #DATABASE}. */
    public DatabaseEndpoint mariadb() {
        return mariadb.admin();
    }

    /** The PostgreSQL server: its less privileged {@code bisync} role, and stop/start for outage tests. */
    public PostgresServer postgresServer() {
        return postgres;
    }

    /** The MariaDB server: its less privileged {@code bisync} account, and stop/start for outage tests. */
    public MariaDbServer mariadbServer() {
        return mariadb;
    }

    /** The Kafka broker. */
    public KafkaBroker kafka() {
        return kafka;
    }

    /** The Kafka Connect worker. */
    public ConnectWorker connectWorker() {
        return connect;
    }

    /** {@code bootstrap.servers} for clients of the broker. */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** A client of the Connect worker's REST API. */
    public ConnectClient connect() {
        return connectClient;
    }

    /**
     * Waits until the Debezium connector with this {@code topic.prefix} is connected to its database and streams
     * changes (its streaming metrics MBean says {@code Connected}); a change committed after this returns is
     * captured as a change event, not folded into a snapshot.
     */
    public void awaitStreaming(String topicPrefix, Duration timeout) {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName pattern;
        try {
            pattern = new ObjectName("debezium.*:type=connector-metrics,context=streaming,server=" + topicPrefix
                    + ",*");
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not a usable topic prefix: " + topicPrefix, e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ObjectName name : mbeans.queryNames(pattern, null)) {
                try {
                    if (Boolean.TRUE.equals(mbeans.getAttribute(name, "Connected"))) {
                        return;
                    }
                } catch (Exception ignored) {
                    // the MBean is being registered or replaced: look again
                }
            }
            sleep(50);
        }
        throw new IllegalStateException("connector with topic.prefix " + topicPrefix + " not streaming after "
                + timeout);
    }

    /** Stops every component and deletes all state. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down
            }
        }
        long t0 = System.nanoTime();
        for (StackComponent component : List.of(connect, kafka, mariadb, postgres)) {
            try {
                component.stop();
            } catch (RuntimeException e) {
                LOG.warn("{} did not stop cleanly: {}", component.name(), e.toString());
            }
        }
        deleteRecursively(workDirectory);
        LOG.info("Embedded stack stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", directory, e.toString());
        }
    }

    private static String secret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return "s" + HexFormat.of().formatHex(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
