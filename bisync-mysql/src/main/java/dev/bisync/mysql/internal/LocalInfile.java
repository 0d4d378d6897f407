package dev.bisync.mysql.internal;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * How a JDBC driver sends the rows of {@code LOAD DATA LOCAL INFILE} from memory: MySQL Connector/J and MariaDB
 * Connector/J each have their own statement method and their own connection property that allows it. The driver is
 * recognised by its name, before any of its classes is touched, so that either driver may be absent.
 */
interface LocalInfile {

    /** Hands {@code rows} to the statement as the "file" its next {@code LOAD DATA LOCAL INFILE} reads. */
    void attach(Statement statement, InputStream rows) throws SQLException;

    /** The connection's driver's way, when the connection was opened with local files allowed; else empty. */
    static Optional<LocalInfile> of(Connection connection) throws SQLException {
        String driver = connection.getMetaData().getDriverName();
        if (driver.startsWith("MySQL Connector")) {
            return MySqlConnectorJ.allowed(connection) ? Optional.of(new MySqlConnectorJ()) : Optional.empty();
        }
        if (driver.startsWith("MariaDB Connector")) {
            return MariaDbConnectorJ.allowed(connection) ? Optional.of(new MariaDbConnectorJ()) : Optional.empty();
        }
        return Optional.empty(); // a driver bisync does not know: the copy writes with upserts
    }

    /** mysql-connector-j: property {@code allowLoadLocalInfile}. */
    final class MySqlConnectorJ implements LocalInfile {

        static boolean allowed(Connection connection) throws SQLException {
            return connection.isWrapperFor(com.mysql.cj.jdbc.JdbcConnection.class)
                    && connection.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getPropertySet()
                    .getBooleanProperty(com.mysql.cj.conf.PropertyKey.allowLoadLocalInfile).getValue();
        }

        @Override
        public void attach(Statement statement, InputStream rows) throws SQLException {
            statement.unwrap(com.mysql.cj.jdbc.JdbcStatement.class).setLocalInfileInputStream(rows);
        }
    }

    /** mariadb-java-client 3: property {@code allowLocalInfile}. */
    final class MariaDbConnectorJ implements LocalInfile {

        static boolean allowed(Connection connection) throws SQLException {
            return connection.isWrapperFor(org.mariadb.jdbc.Connection.class)
                    && connection.unwrap(org.mariadb.jdbc.Connection.class).getContext().getConf().allowLocalInfile();
        }

        @Override
        public void attach(Statement statement, InputStream rows) throws SQLException {
            statement.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(rows);
        }
    }
}
