package dev.bisync.core.internal.target;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The JDBC drivers whose connection properties bisync sets, recognised by the URL's prefix. Both MySQL-family drivers
 * send a batch of upserts as one multi-row statement with {@code rewriteBatchedStatements}: MariaDB Connector/J 3.0
 * dropped the option and 3.5.6 brought it back (CONJ-1238); without it, 3.x sends {@code INSERT ... ON DUPLICATE
 * KEY UPDATE} row by row (pipelined), since its bulk protocol ({@code useBulkStmts}, {@code useBulkStmtsForInserts})
 * leaves out inserts with {@code ON DUPLICATE KEY UPDATE} unless the server returns per-row results (MariaDB 11.5+).
 * Local files ({@code LOAD DATA LOCAL INFILE}) are {@code allowLoadLocalInfile} for MySQL Connector/J and
 * {@code allowLocalInfile} for MariaDB Connector/J. A property the side's configuration sets is never overridden.
 */
enum JdbcDriver {

    POSTGRESQL("jdbc:postgresql:", Map.of("reWriteBatchedInserts", "true"), null),
    MYSQL_CONNECTOR_J("jdbc:mysql:", Map.of("rewriteBatchedStatements", "true"), "allowLoadLocalInfile"),
    MARIADB_CONNECTOR_J("jdbc:mariadb:", Map.of("rewriteBatchedStatements", "true"), "allowLocalInfile");

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
