package dev.bisync.spi.dialect;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * Makes a {@link Dialect} for the databases it supports. Found with {@link java.util.ServiceLoader} (register the
 * class in {@code META-INF/services/dev.bisync.spi.dialect.DialectProvider}). Among the providers that support a database,
 * the one with the highest {@link #priority()} wins; the order of service files never matters.
 *
 * <p>Called once per database at start-up, on the thread that starts the sync. An exception stops the start.
 */
public interface DialectProvider {

    /** Whether this provider's dialect handles the database behind this URL and metadata. */
    boolean supports(String jdbcUrl, DatabaseMetaData metaData) throws SQLException;

    /** Higher wins when several providers support a database (a MariaDB provider before a MySQL one). */
    default int priority() {
        return 0;
    }

    /** A dialect for that database. */
    Dialect create(DatabaseMetaData metaData) throws SQLException;
}
