package dev.bisync.core.internal.target;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The connection properties bisync sets per driver, recognised by the URL, never over the side's own. */
class JdbcDriverTest {

    @Test
    void bothMySqlFamilyDriversRewriteBatchesAndEachNamesLocalFilesItsOwnWay() {
        assertEquals(Map.of("rewriteBatchedStatements", "true", "allowLoadLocalInfile", "true"),
                properties("jdbc:mysql://db:3306/shop", true));
        assertEquals(Map.of("rewriteBatchedStatements", "true", "allowLocalInfile", "true"),
                properties("jdbc:mariadb://db:3306/shop", true));
        assertEquals(Map.of("reWriteBatchedInserts", "true"), properties("jdbc:postgresql://db/shop", true));
    }

    @Test
    void lanesSessionsDoNotAllowLocalFiles() {
        assertEquals(Map.of("rewriteBatchedStatements", "true"), properties("jdbc:mariadb://db:3306/shop", false));
        assertEquals(Map.of("rewriteBatchedStatements", "true"), properties("jdbc:mysql://db:3306/shop", false));
    }

    @Test
    void theSidesOwnPropertiesWin() {
        Properties p = new Properties();
        p.setProperty("rewriteBatchedStatements", "false");
        p.setProperty("allowLocalInfile", "false");
        JdbcDriver.MARIADB_CONNECTOR_J.addTo(p, true);
        assertEquals(Map.of("rewriteBatchedStatements", "false", "allowLocalInfile", "false"), p);
    }

    @Test
    void anotherDriverGetsNothing() {
        assertEquals(Optional.empty(), JdbcDriver.of("jdbc:h2:mem:x"));
    }

    private static Map<Object, Object> properties(String url, boolean localFiles) {
        Properties p = new Properties();
        JdbcDriver.of(url).orElseThrow().addTo(p, localFiles);
        return Map.copyOf(p);
    }
}
