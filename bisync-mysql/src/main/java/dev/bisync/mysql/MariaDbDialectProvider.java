package dev.bisync.mysql;

import dev.bisync.mysql.internal.MySqlFamilyDialect;
import dev.bisync.mysql.internal.MySqlVariant;
import dev.bisync.mysql.internal.ServerVersion;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.DialectProvider;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * Provides the MariaDB variant of the MySQL-family dialect: for {@code jdbc:mariadb:} URLs, and for
 * {@code jdbc:mysql:} URLs whose server says it is MariaDB (mysql-connector-j reports the product as "MySQL" and a
 * version such as {@code 11.4.5-MariaDB-log}). Priority 10, so that it wins over {@link MySqlDialectProvider}.
 */
public final class MariaDbDialectProvider implements DialectProvider {

    @Override
    public boolean supports(String jdbcUrl, DatabaseMetaData metaData) throws SQLException {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:mariadb:")) {
            return true;
        }
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:mysql:") && metaData != null
                && metaData.getDatabaseProductVersion() != null
                && metaData.getDatabaseProductVersion().contains("MariaDB");
    }

    @Override
    public int priority() {
        return 10;
    }

    /** Refuses MariaDB before {@code MySqlVariant.MARIADB.minimum()} (10.6) with a message naming the minimum. */
    @Override
    public Dialect create(DatabaseMetaData metaData) throws SQLException {
        ServerVersion.requireSupported(MySqlVariant.MARIADB, metaData.getDatabaseProductVersion());
        return new MySqlFamilyDialect("MariaDB " + version(metaData.getDatabaseProductVersion()),
                MySqlVariant.MARIADB);
    }

    /** {@code 11.4.5} from {@code 11.4.5-MariaDB-log}, or from {@code 5.5.5-10.11.5-MariaDB} (older servers). */
    static String version(String productVersion) {
        String v = productVersion.startsWith("5.5.5-") ? productVersion.substring(6) : productVersion;
        int end = v.indexOf("-MariaDB");
        return end < 0 ? v : v.substring(0, end);
    }
}
