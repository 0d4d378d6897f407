package dev.bisync.testkit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JUnit 5 extension for tests against MySQL ({@link MySqlServer}, under Testcontainers): one server per test JVM,
 * started when a test first asks for it (a {@code MySqlServer} parameter), stopped when the run ends. Without a
 * reachable Docker engine every test class that uses it is reported skipped, with one line saying why, and nothing
 * is started (no embedded stack either: JUnit evaluates this condition before any {@code @BeforeAll}).
 *
 * <pre>{@code
 * @ExtendWith({MySqlExtension.class, EmbeddedStackExtension.class})
 * class MySqlLaneIT {
 *     @BeforeAll
 *     static void start(MySqlServer mysql, EmbeddedStack stack) { ... }
 * }
 * }</pre>
 *
 * The embedded stack's Connect worker loads the Debezium MySQL connector only in a JVM whose
 * {@value MySqlServer#IMAGE_PROPERTY} is set (a failsafe execution for MySQL); elsewhere the tests are skipped too.
 */
public final class MySqlExtension implements ExecutionCondition, ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            MySqlExtension.class);
    private static volatile String skipReason;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = skipReason();
        return reason.isEmpty() ? ConditionEvaluationResult.enabled("MySQL " + MySqlServer.image() + " reachable")
                : ConditionEvaluationResult.disabled(reason);
    }

    /** Why MySQL tests cannot run in this JVM, or "" when they can; found once, logged once. */
    static synchronized String skipReason() {
        if (skipReason == null) {
            skipReason = findSkipReason();
            if (!skipReason.isEmpty()) {
                LOG.warn("{}", skipReason);
            }
        }
        return skipReason;
    }

    private static String findSkipReason() {
        String image = System.getProperty(MySqlServer.IMAGE_PROPERTY);
        if (image == null || image.isBlank()) {
            return "MySQL tests skipped: they run in the failsafe executions that set " + MySqlServer.IMAGE_PROPERTY
                    + " (bisync-core: mysql-8.4, mysql-8.0)";
        }
        if (!dockerEndpointConfigured()) {
            return "MySQL " + image.trim() + " tests skipped: no Docker engine reachable (no DOCKER_HOST, no "
                    + "docker.sock, no ~/.testcontainers.properties); they run where one is";
        }
        try {
            if (!org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
                return "MySQL " + image.trim() + " tests skipped: no Docker engine reachable (Testcontainers found "
                        + "none); they run where one is";
            }
        } catch (LinkageError e) {
            return "MySQL " + image.trim() + " tests skipped: Testcontainers is not on the class path (add "
                    + "org.testcontainers:mysql)";
        }
        return "";
    }

    /**
     * Whether anything points at a Docker engine: {@code DOCKER_HOST}, a Testcontainers configuration file, or one of
     * the sockets Testcontainers looks for. Only then is Testcontainers asked, whose probe logs its attempts as an
     * error: useful where an engine is meant to be, noise on a machine without one.
     */
    private static boolean dockerEndpointConfigured() {
        if (System.getenv("DOCKER_HOST") != null) {
            return true;
        }
        String home = System.getProperty("user.home");
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"),
                Path.of(home, ".testcontainers.properties"), Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock")));
        if (runtime != null) {
            candidates.add(Path.of(runtime, "docker.sock"));
        }
        return candidates.stream().anyMatch(Files::exists);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MySqlServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    /** The JVM's MySQL server, started on first use. */
    public static MySqlServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(MySqlServer.class, key -> new StoredServer(MySqlServer.start()),
                        StoredServer.class)
                .server();
    }

    /** Closed by JUnit when the root context closes, at the end of the test run. */
    @SuppressWarnings("deprecation") // CloseableResource for JUnit before 5.13, AutoCloseable from then on
    private record StoredServer(MySqlServer server)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }
}
