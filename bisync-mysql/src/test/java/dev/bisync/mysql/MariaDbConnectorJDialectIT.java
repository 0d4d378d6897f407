package dev.bisync.mysql;

import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.MariaDbServer;
import org.junit.jupiter.api.Test;

import dev.bisync.spi.dialect.BulkLoader;
import dev.bisync.spi.dialect.TableMetadata;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole MariaDB dialect contract, and every MariaDB-specific rule of {@link MariaDbDialectIT}, through MariaDB
 * Connector/J ({@code jdbc:mariadb:} URLs) instead of MySQL Connector/J.
 */
class MariaDbConnectorJDialectIT extends MariaDbDialectIT {

    @Override
    protected DatabaseEndpoint admin(EmbeddedStack stack) {
        return MariaDbServer.viaMariaDbDriver(stack.mariadb());
    }

    @Override
    protected DatabaseEndpoint writer(EmbeddedStack stack) {
        return MariaDbServer.viaMariaDbDriver(stack.mariadbServer().bisyncUser());
    }

    /**
     * As bisync's writers open MariaDB Connector/J ({@code JdbcDriver}): {@code rewriteBatchedStatements}, which 3.5.6
     * brought back; local files allowed, so that the contract's bulk rule runs LOAD DATA through this driver's own API.
     * With {@code useBulkStmts} instead, a batch of upserts goes row by row (the bulk protocol leaves out
     * {@code ON DUPLICATE KEY UPDATE} before MariaDB 11.5): both batch rules fail.
     */
    @Override
    protected Properties batchRewriteProperties() {
        Properties properties = new Properties();
        properties.setProperty("rewriteBatchedStatements", "true");
        properties.setProperty("allowLocalInfile", "true");
        return properties;
    }

    @Test
    void withLocalFilesAllowedTheBulkPathIsLoadData() throws Exception {
        TableMetadata t = create("dlc_mdb_bulk", "id int NOT NULL, v varchar(20), PRIMARY KEY (id)");
        try (Connection c = writerSession()) {
            c.setAutoCommit(false);
            Optional<BulkLoader> loader = dialect().copy().bulkLoader(c, t, t.columns());
            assertEquals("LOAD DATA", loader.map(BulkLoader::method).orElse("none"));
            assertEquals(2, loader.get().load(List.of(new Object[] {1, "a"}, new Object[] {2, null})));
            c.commit();
        }
    }

    @Test
    void withLocalFilesTurnedOffThereIsNoBulkPathAndNoError(EmbeddedStack stack) throws Exception {
        TableMetadata t = create("dlc_mdb_nobulk", "id int NOT NULL, PRIMARY KEY (id)");
        DatabaseEndpoint w = writer(stack);
        // MariaDB Connector/J 3 allows local files by default; a user may turn them off
        try (Connection c = java.sql.DriverManager.getConnection(w.jdbcUrl() + "?allowLocalInfile=false", w.user(),
                w.password())) {
            assertEquals(Optional.empty(), dialect().copy().bulkLoader(c, t, t.columns()));
        }
    }

    @Test
    void theConnectionsAreMariaDbConnectorJs(EmbeddedStack stack) throws Exception {
        try (Connection c = writer(stack).connect()) {
            assertTrue(c.getMetaData().getDriverName().startsWith("MariaDB Connector"), c.getMetaData().getDriverName());
        }
    }
}
