package dev.bisync.core.internal.target;

import dev.bisync.api.config.DatabaseConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Opens plain connections to a side's database (start-up checks, metadata), with bisync's driver settings. */
public final class TargetConnections {

    private TargetConnections() {
    }

    /** A new connection in auto-commit mode; the caller closes it. */
    public static Connection open(DatabaseConfig database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), TargetSession.properties(database));
    }
}
