package dev.bisync.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The Connect worker is not affected by the host's class path. This module's test class path carries a newer
 * MariaDB Connector/J (3.5.11) than the one in the Debezium MariaDB connector's plugin folder (3.5.3); the newer
 * one lists a codec ({@code UtilDateCodec}) the older lacks. A plugin class loader whose parent is the host's
 * class loader reads the host's {@code META-INF/services} too, loads that codec from the host, and the connector's
 * validation fails ({@code ServiceConfigurationError: ... UtilDateCodec not a subtype}, HTTP 400 on registration).
 */
@ExtendWith(EmbeddedStackExtension.class)
class ConnectWorkerIsolationIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void mariadbConnectorRunsWithANewerMariadbDriverOnTheHostClassPath(EmbeddedStack stack) throws Exception {
        assertNotNull(getClass().getClassLoader().getResource("org/mariadb/jdbc/plugin/codec/UtilDateCodec.class"),
                "precondition: the host's MariaDB Connector/J has a codec the connector's own driver lacks");
        try (Connection c = stack.mariadb().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE isolation_maria (id int PRIMARY KEY, at datetime)");
        }
        assertDoesNotThrow(() -> stack.connect().put("isolation-maria",
                DebeziumConnectors.mariadb(stack, "isolationmaria", 5411, List.of("isolation_maria"))),
                "registration of the MariaDB connector");
        stack.connect().awaitRunning("isolation-maria", TIMEOUT);
        stack.awaitStreaming("isolationmaria", TIMEOUT);
        stack.connect().delete("isolation-maria");
    }
}
