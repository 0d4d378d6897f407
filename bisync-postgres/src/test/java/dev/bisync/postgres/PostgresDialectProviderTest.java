package dev.bisync.postgres;

import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.DialectProvider;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
