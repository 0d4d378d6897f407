package dev.bisync.mysql.internal;

import dev.bisync.api.ChangeEvent;
import dev.bisync.spi.EchoIdentity;
import dev.bisync.spi.dialect.WriterSessions;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * MySQL/MariaDB writer sessions: UTC, strict SQL modes with zero kept as a value of an AUTO_INCREMENT column, and the
 * variant's {@link EchoMark}.
 */
final class MySqlSessions implements WriterSessions {

    private final EchoMark echoMark;

    MySqlSessions(EchoMark echoMark) {
        this.echoMark = echoMark;
    }

    @Override
    public String prepare(Connection connection, EchoIdentity echo, int slot) throws SQLException {
        prepareUnmarked(connection);
        return echoMark.mark(connection, echo);
    }

    @Override
    public void prepareUnmarked(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION time_zone = '+00:00'");
            statement.execute("SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), "
                    + "'STRICT_ALL_TABLES', 'NO_AUTO_VALUE_ON_ZERO')");
        }
    }

    @Override
    public Optional<String> markUnavailable(Connection connection, EchoIdentity echo) throws SQLException {
        return echoMark.unavailable(connection, echo);
    }

    @Override
    public boolean isOwnWrite(ChangeEvent event, EchoIdentity echo) {
        return echoMark.isOwnWrite(event, echo);
    }

    @Override
    public String describe(EchoIdentity echo) {
        return echoMark.describe(echo);
    }
}
