package dev.bisync.mysql;

import dev.bisync.mysql.internal.MySqlFamilyDialect;
import dev.bisync.mysql.internal.MySqlVariant;
import dev.bisync.spi.dialect.DialectProvider;
import org.junit.jupiter.api.Test;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which provider the engine's rule (highest priority among the supporting ones) picks for which server. */
class DialectProviderSelectionTest {

    private static final DatabaseMetaData MARIADB_VIA_MYSQL_DRIVER = MetaDataStub.of("MySQL", "11.4.5-MariaDB-log");
    private static final DatabaseMetaData MARIADB_10 = MetaDataStub.of("MySQL", "5.5.5-10.11.5-MariaDB");
    private static final DatabaseMetaData MARIADB_DRIVER = MetaDataStub.of("MariaDB", "11.4.5-MariaDB");
    private static final DatabaseMetaData MYSQL = MetaDataStub.of("MySQL", "8.4.3");

    @Test
    void mariaDbBehindAMysqlUrlGetsTheMariaDbVariant() throws SQLException {
        assertEquals(MariaDbDialectProvider.class, select("jdbc:mysql://db:3306/shop", MARIADB_VIA_MYSQL_DRIVER)
                .getClass());
        MySqlFamilyDialect dialect = (MySqlFamilyDialect) select("jdbc:mysql://db/shop", MARIADB_VIA_MYSQL_DRIVER)
                .create(MARIADB_VIA_MYSQL_DRIVER);
        assertEquals(MySqlVariant.MARIADB, dialect.variant());
        assertEquals("MariaDB 11.4.5", dialect.name());
        assertEquals("MariaDB 10.11.5", select("jdbc:mysql://db/shop", MARIADB_10).create(MARIADB_10).name());
    }

    @Test
    void mariaDbUrlGetsTheMariaDbVariant() throws SQLException {
        assertEquals(MariaDbDialectProvider.class, select("jdbc:mariadb://db:3306/shop", MARIADB_DRIVER).getClass());
    }

    @Test
    void mysqlGetsTheMysqlVariant() throws SQLException {
        DialectProvider provider = select("jdbc:mysql://db:3306/shop", MYSQL);
        assertEquals(MySqlDialectProvider.class, provider.getClass());
        MySqlFamilyDialect dialect = (MySqlFamilyDialect) provider.create(MYSQL);
        assertEquals(MySqlVariant.MYSQL, dialect.variant());
        assertEquals("MySQL 8.4.3", dialect.name());
    }

    @Test
    void otherDatabasesAreNotSupported() throws SQLException {
        assertNull(select("jdbc:postgresql://db:5432/shop", MetaDataStub.of("PostgreSQL", "18.6")));
    }

    /** The engine's rule: among the providers that support the database, the highest priority wins. */
    private static DialectProvider select(String url, DatabaseMetaData metaData) throws SQLException {
        List<DialectProvider> supporting = new ArrayList<>();
        for (DialectProvider provider : ServiceLoader.load(DialectProvider.class)) {
            if (provider.supports(url, metaData)) {
                supporting.add(provider);
            }
        }
        return supporting.stream().max(Comparator.comparingInt(DialectProvider::priority)).orElse(null);
    }
}
