package dev.bisync.mysql.internal;

import dev.bisync.spi.EchoIdentity;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * MySQL before 8.3 has no tagged GTIDs: the dialect says so without asking the server anything more, and bisync
 * marks its writes with marker rows there (issue 18). MySQL cannot run where bisync is built, so the server is a stub
 * that knows only its version; any statement would fail the test.
 */
class TaggedGtidEchoTest {

    private static final EchoIdentity ECHO = new EchoIdentity("bisync_shop", 45_404);

    @Test
    void mysqlBefore83HasNoTaggedGtids() throws Exception {
        for (String version : new String[] {"8.0.36", "8.1.0", "8.2.0-commercial"}) {
            Optional<String> why = new TaggedGtidEcho().unavailable(server(version), ECHO);
            assertEquals(Optional.of("MySQL " + version.substring(0, 3) + " has no tagged GTIDs (they came with 8.3)"),
                    why, version);
        }
    }

    @Test
    void anEchoNameLongerThanATagIsUnavailableOn83() throws Exception {
        EchoIdentity longName = new EchoIdentity("bisync_a_sync_name_of_thirty_three", 1);
        assertEquals(Optional.of("the echo name bisync_a_sync_name_of_thirty_three is longer than the 32 characters "
                + "of a GTID tag: give the sync a shorter echo name"),
                new TaggedGtidEcho().unavailable(server("8.4.3"), longName));
    }

    /** A connection whose metadata gives the version; every other call fails. */
    private static Connection server(String version) {
        DatabaseMetaData metaData = (DatabaseMetaData) Proxy.newProxyInstance(getLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getDatabaseProductName" -> "MySQL";
                    case "getDatabaseProductVersion" -> version;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (Connection) Proxy.newProxyInstance(getLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getMetaData")) {
                        return metaData;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ClassLoader getLoader() {
        return TaggedGtidEchoTest.class.getClassLoader();
    }
}
