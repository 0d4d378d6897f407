package dev.bisync.postgres;

import dev.bisync.api.BisyncException;
import dev.bisync.spi.EchoIdentity;
import dev.bisync.spi.dialect.CaptureRequest;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.DialectProvider;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresDialectProviderTest {

    private final PostgresDialectProvider provider = new PostgresDialectProvider();

    @Test
    void isRegisteredForServiceLoader() {
        List<Class<?>> found = ServiceLoader.load(DialectProvider.class).stream()
                .<Class<?>>map(ServiceLoader.Provider::type).toList();
        assertEquals(List.of(PostgresDialectProvider.class), found);
    }

    @Test
    void supportsPostgresUrlsAndProduct() throws SQLException {
        assertTrue(provider.supports("jdbc:postgresql://db:5432/shop", MetaDataStub.of("PostgreSQL", "18.6")));
        assertTrue(provider.supports("jdbc:p6spy:postgresql://db/shop", MetaDataStub.of("PostgreSQL", "16.2")));
        assertFalse(provider.supports("jdbc:mysql://db:3306/shop", MetaDataStub.of("MySQL", "8.4.0")));
    }

    @Test
    void dialectIsNamedAfterServerVersion() throws SQLException {
        Dialect dialect = provider.create(MetaDataStub.of("PostgreSQL", "18.6"));
        assertEquals("PostgreSQL 18.6", dialect.name());
    }

    @Test
    void serverOlderThan15IsRefusedNamingTheMinimum() {
        BisyncException e = assertThrows(BisyncException.class,
                () -> provider.create(MetaDataStub.of("PostgreSQL", "14.10")));
        assertTrue(e.getMessage().contains("PostgreSQL 14.10 is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("PostgreSQL 15 or newer"), e.getMessage());
        assertThrows(BisyncException.class, () -> provider.create(MetaDataStub.of("PostgreSQL", "9.6.24")));
    }

    @Test
    void echoMechanismFollowsTheServerVersion() throws SQLException {
        EchoIdentity echo = new EchoIdentity("bisync_shop", 45_404);
        CaptureRequest request = new CaptureRequest("shop-pg", "db", 5432, "shop", "public", List.of("orders"),
                "debezium", "secret", "shop_pg", echo, "kafka:9092", 0, "no_data");
        for (String version : List.of("16.2", "18.6 (Debian 18.6-1.pgdg120+1)")) {
            Dialect dialect = provider.create(MetaDataStub.of("PostgreSQL", version));
            assertEquals("origin=none", dialect.capture().connectorConfig(request).get("slot.stream.params"), version);
            assertEquals("origin=none", dialect.capture().requiredConnectorSettings(request)
                    .get("slot.stream.params"), version);
            assertTrue(dialect.writers().describe(echo).contains("drops these writes at capture"), version);
        }
        Dialect fifteen = provider.create(MetaDataStub.of("PostgreSQL", "15.14"));
        assertFalse(fifteen.capture().connectorConfig(request).containsKey("slot.stream.params"),
                "PostgreSQL 15's pgoutput refuses the origin option: the connector could not stream");
        assertFalse(fifteen.capture().requiredConnectorSettings(request).containsKey("slot.stream.params"));
        assertTrue(fifteen.writers().describe(echo).contains("recognised on consume by source.origin"),
                fifteen.writers().describe(echo));
        assertEquals(List.of(), fifteen.capture().checkConnector(fifteen.capture().connectorConfig(request)));
        Map<String, String> fromSixteen = provider.create(MetaDataStub.of("PostgreSQL", "16.2")).capture()
                .connectorConfig(request);
        assertEquals(List.of(), provider.create(MetaDataStub.of("PostgreSQL", "16.2")).capture()
                .checkConnector(fromSixteen));
        List<String> problems = fifteen.capture().checkConnector(fromSixteen);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("slot.stream.params is 'origin=none': remove its origin option"),
                problems.toString());
    }

    @Test
    void majorVersionIsReadFromTheProductVersion() {
        assertEquals(15, PostgresDialectProvider.majorVersion("15.14"));
        assertEquals(18, PostgresDialectProvider.majorVersion("18.6 (Debian 18.6-1.pgdg120+1)"));
        assertEquals(9, PostgresDialectProvider.majorVersion("9.6.24"));
        assertThrows(BisyncException.class, () -> PostgresDialectProvider.majorVersion("beta"));
    }
}
