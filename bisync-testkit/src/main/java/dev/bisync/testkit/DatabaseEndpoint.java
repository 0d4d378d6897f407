package dev.bisync.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * How to reach one database of the embedded stack as one user.
 *
 * <p>{@link #toString()} never shows the password, so an endpoint can be logged.
 *
 * @param jdbcUrl  the JDBC URL, without credentials
 * @param host     the host name the server listens on (loopback)
 * @param port     the TCP port
 * @param database the database (PostgreSQL) or schema (MariaDB) name
 * @param user     the user name
 * @param password the password
 */
public record DatabaseEndpoint(String jdbcUrl, String host, int port, String database, String user, String password) {

    public DatabaseEndpoint {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** Opens a new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** The same server and database as another user. */
    public DatabaseEndpoint as(String otherUser, String otherPassword) {
        return new DatabaseEndpoint(jdbcUrl, host, port, database, otherUser, otherPassword);
    }

    @Override
    public String toString() {
        return jdbcUrl + " (user " + user + ")";
    }
}
