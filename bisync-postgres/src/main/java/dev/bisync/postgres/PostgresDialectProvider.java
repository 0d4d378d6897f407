package dev.bisync.postgres;

import dev.bisync.postgres.internal.PostgresDialect;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.DialectProvider;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * Provides the PostgreSQL dialect for {@code jdbc:postgresql:} URLs and for any connection whose database product
 * is PostgreSQL. Registered in {@code META-INF/services/dev.bisync.spi.dialect.DialectProvider}.
 */
public final class PostgresDialectProvider implements DialectProvider {

    @Override
    public boolean supports(String jdbcUrl, DatabaseMetaData metaData) throws SQLException {
        return (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:"))
                || (metaData != null && "PostgreSQL".equalsIgnoreCase(metaData.getDatabaseProductName()));
    }

    @Override
    public Dialect create(DatabaseMetaData metaData) throws SQLException {
        return new PostgresDialect("PostgreSQL " + metaData.getDatabaseProductVersion());
    }
}
