package dev.bisync.mysql;

import dev.bisync.mysql.internal.MySqlFamilyDialect;
import dev.bisync.mysql.internal.MySqlVariant;
import dev.bisync.mysql.internal.ServerVersion;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.DialectProvider;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * Provides the MySQL 8 variant of the MySQL-family dialect for {@code jdbc:mysql:} URLs. Priority 0: a MariaDB
 * server behind such a URL goes to {@link MariaDbDialectProvider}, which has priority 10.
 */
public final class MySqlDialectProvider implements DialectProvider {

    @Override
    public boolean supports(String jdbcUrl, DatabaseMetaData metaData) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:mysql:");
    }

    /** Refuses MySQL before {@code MySqlVariant.MYSQL.minimum()} (8.0) with a message naming the minimum. */
    @Override
    public Dialect create(DatabaseMetaData metaData) throws SQLException {
        ServerVersion.requireSupported(MySqlVariant.MYSQL, metaData.getDatabaseProductVersion());
        return new MySqlFamilyDialect("MySQL " + metaData.getDatabaseProductVersion(), MySqlVariant.MYSQL);
    }
}
