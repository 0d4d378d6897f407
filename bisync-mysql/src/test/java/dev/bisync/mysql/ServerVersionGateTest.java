package dev.bisync.mysql;

import dev.bisync.api.BisyncException;
import dev.bisync.mysql.internal.ServerVersion;
import dev.bisync.spi.dialect.DialectProvider;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Creating the dialect refuses servers older than the minimum, naming it; supported ones get their dialect. */
class ServerVersionGateTest {

    private final DialectProvider mariadb = new MariaDbDialectProvider();
    private final DialectProvider mysql = new MySqlDialectProvider();

    @Test
    void mariaDbBefore106IsRefusedNamingTheMinimum() {
        for (String old : new String[] {"5.5.5-10.5.23-MariaDB", "10.5.23-MariaDB-log", "10.3.39-MariaDB"}) {
            BisyncException e = assertThrows(BisyncException.class,
                    () -> mariadb.create(MetaDataStub.of("MySQL", old)), old);
            assertTrue(e.getMessage().contains("MariaDB " + old + " is not supported"), e.getMessage());
            assertTrue(e.getMessage().contains("needs MariaDB 10.6 or newer"), e.getMessage());
            assertTrue(e.getMessage().contains("BINLOG REPLAY"), "says why: " + e.getMessage());
        }
    }

    @Test
    void mariaDbFrom106IsAccepted() throws SQLException {
        assertEquals("MariaDB 10.6.0", mariadb.create(MetaDataStub.of("MySQL", "5.5.5-10.6.0-MariaDB")).name());
        assertEquals("MariaDB 10.11.5", mariadb.create(MetaDataStub.of("MySQL", "5.5.5-10.11.5-MariaDB")).name());
        assertEquals("MariaDB 10.11.5", mariadb.create(MetaDataStub.of("MariaDB", "10.11.5-MariaDB-log")).name());
        assertEquals("MariaDB 11.4.5", mariadb.create(MetaDataStub.of("MySQL", "11.4.5-MariaDB-log")).name());
    }

    @Test
    void mysqlBefore80IsRefusedNamingTheMinimum() {
        BisyncException e = assertThrows(BisyncException.class,
                () -> mysql.create(MetaDataStub.of("MySQL", "5.7.44-log")));
        assertTrue(e.getMessage().contains("MySQL 5.7.44-log is not supported: bisync needs MySQL 8.0 or newer"),
                e.getMessage());
    }

    @Test
    void mysqlFrom80IsAccepted() throws SQLException {
        assertEquals("MySQL 8.0.36", mysql.create(MetaDataStub.of("MySQL", "8.0.36")).name());
        assertEquals("MySQL 8.4.3", mysql.create(MetaDataStub.of("MySQL", "8.4.3")).name());
        assertEquals("MySQL 9.1.0-commercial", mysql.create(MetaDataStub.of("MySQL", "9.1.0-commercial")).name());
    }

    @Test
    void anUnreadableVersionIsRefusedNotGuessed() {
        BisyncException e = assertThrows(BisyncException.class,
                () -> mariadb.create(MetaDataStub.of("MySQL", "MariaDB-unknown")));
        assertTrue(e.getMessage().contains("cannot read a server version from 'MariaDB-unknown'"), e.getMessage());
    }

    @Test
    void versionsCompareByMajorThenMinor() {
        assertEquals(new ServerVersion(10, 11), ServerVersion.parse("5.5.5-10.11.5-MariaDB"));
        assertTrue(ServerVersion.parse("10.11.5").compareTo(new ServerVersion(10, 6)) > 0, "10.11 after 10.6");
        assertTrue(ServerVersion.parse("8.0.36").compareTo(new ServerVersion(10, 6)) < 0);
    }
}
