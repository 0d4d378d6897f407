package dev.bisync.core.internal.target;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The JDBC drivers whose connection properties bisync sets, recognised by the URL's prefix. Each driver names its
 * options its own way: MySQL Connector/J batches into multi-row statements with {@code rewriteBatchedStatements}
 * and sends local files with {@code allowLoadLocalInfile}; MariaDB Connector/J 3 batches natively, in one round trip
 * with the bulk protocol for every batched statement with {@code useBulkStmts} (else for inserts only), and sends
 * local files with {@code allowLocalInfile}. A property the side's configuration
 * sets is never overridden.
 */
enum JdbcDriver {

    POSTGRESQL("jdbc:postgresql:", Map.of("reWriteBatchedInserts", "true"), null),
    MYSQL_CONNECTOR_J("jdbc:mysql:", Map.of("rewriteBatchedStatements", "true"), "allowLoadLocalInfile"),
    MARIADB_CONNECTOR_J("jdbc:mariadb:", Map.of("useBulkStmts", "true"), "allowLocalInfile");

    private final String urlPrefix;
    private final Map<String, String> batching;
    private final String localFiles;

    JdbcDriver(String urlPrefix, Map<String, String> batching, String localFiles) {
        this.urlPrefix = urlPrefix;
        this.batching = batching;
        this.localFiles = localFiles;
    }

    /** The driver of a URL, or empty for one bisync sets nothing on. */
    static Optional<JdbcDriver> of(String jdbcUrl) {
        for (JdbcDriver driver : values()) {
            if (jdbcUrl.startsWith(driver.urlPrefix)) {
                return Optional.of(driver);
            }
        }
        return Optional.empty();
    }

    /** Adds the properties for batched writes, and for sending local files ({@code LOAD DATA}) if asked. */
    void addTo(Properties properties, boolean localFilesToo) {
        batching.forEach(properties::putIfAbsent);
        if (localFilesToo && localFiles != null) {
            properties.putIfAbsent(localFiles, "true");
        }
    }
}
