package dev.bisync.postgres;

import dev.bisync.api.BisyncException;
import dev.bisync.postgres.internal.PostgresDialect;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.DialectProvider;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Provides the PostgreSQL dialect for {@code jdbc:postgresql:} URLs and for any connection whose database product
 * is PostgreSQL. Registered in {@code META-INF/services/dev.bisync.spi.dialect.DialectProvider}.
 */
public final class PostgresDialectProvider implements DialectProvider {

    private static final Pattern LEADING_NUMBER = Pattern.compile("\\s*(\\d+)");

    @Override
    public boolean supports(String jdbcUrl, DatabaseMetaData metaData) throws SQLException {
        return (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:"))
                || (metaData != null && "PostgreSQL".equalsIgnoreCase(metaData.getDatabaseProductName()));
    }

    /**
     * The dialect for this server: on PostgreSQL 16 and newer bisync's writes are dropped at capture, on 15 they are
     * recognised on consume by their replication origin.
     *
     * @throws BisyncException for a server older than PostgreSQL 15, naming the minimum
     */
    @Override
    public Dialect create(DatabaseMetaData metaData) throws SQLException {
        String version = metaData.getDatabaseProductVersion();
        int major = majorVersion(version);
        if (major < PostgresDialect.MINIMUM_MAJOR_VERSION) {
            throw new BisyncException("PostgreSQL " + version + " is not supported: bisync needs PostgreSQL "
                    + PostgresDialect.MINIMUM_MAJOR_VERSION + " or newer (its logical decoding must report the "
                    + "replication origin of each transaction, which bisync's echo prevention relies on)");
        }
        return new PostgresDialect("PostgreSQL " + version, major);
    }

    /** The major version of a server version such as {@code 15.14}, {@code 18.6 (Debian 18.6-1)} or {@code 9.6.24}. */
    static int majorVersion(String version) {
        Matcher m = LEADING_NUMBER.matcher(version == null ? "" : version);
        if (!m.lookingAt()) {
            throw new BisyncException("cannot read the PostgreSQL server version '" + version + "'");
        }
        return Integer.parseInt(m.group(1));
    }
}
