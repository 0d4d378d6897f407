package dev.bisync.mysql.internal;

import dev.bisync.api.ChangeEvent;
import dev.bisync.spi.EchoIdentity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/**
 * MariaDB: bisync's sessions write in their own GTID domain ({@code SET SESSION gtid_domain_id = <numericId>}), so
 * their transactions are {@code <numericId>-<server>-<seq>}. The connector drops them at capture with
 * {@code gtid.source.excludes=<numericId>-.*}; otherwise {@code source.gtid} gives them away. Setting the domain needs
 * the {@code BINLOG REPLAY} privilege (MariaDB 11; {@code SUPER} on 10.x).
 */
final class GtidDomainEcho implements EchoMark {

    /** ER_SPECIFIC_ACCESS_DENIED_ERROR: the account lacks a privilege the statement needs. */
    private static final int ACCESS_DENIED = 1227;

    @Override
    public String mark(Connection connection, EchoIdentity echo) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("SET SESSION gtid_domain_id = ?")) {
            set.setLong(1, echo.numericId());
            set.execute();
        } catch (SQLException e) {
            throw new SQLException("cannot set gtid_domain_id " + echo.numericId() + " for bisync's writes: "
                    + e.getMessage() + ". Grant the privilege: GRANT BINLOG REPLAY ON *.* TO <bisync user> "
                    + "(SUPER on MariaDB 10.x)", e.getSQLState(), e.getErrorCode(), e);
        }
        return "gtid_domain_id " + echo.numericId();
    }

    /**
     * Tries to set the session's {@code gtid_domain_id} to the value it has: the server checks the privilege whatever
     * the value.
     */
    @Override
    public Optional<String> unavailable(Connection connection, EchoIdentity echo) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION gtid_domain_id = @@SESSION.gtid_domain_id");
            return Optional.empty();
        } catch (SQLException e) {
            if (e.getErrorCode() != ACCESS_DENIED) {
                throw e;
            }
            return Optional.of("the account may not set gtid_domain_id (" + e.getMessage() + "); to keep bisync's "
                    + "writes out of capture: GRANT BINLOG REPLAY ON *.* TO <bisync user> (SUPER on MariaDB 10.x)");
        }
    }

    @Override
    public boolean isOwnWrite(ChangeEvent event, EchoIdentity echo) {
        String gtid = event.source().gtid();
        return gtid != null && gtid.startsWith(echo.numericId() + "-");
    }

    @Override
    public String describe(EchoIdentity echo) {
        long id = echo.numericId();
        return "gtid_domain_id " + id + " on writer sessions; the connector's gtid.source.excludes=" + id
                + "-.* drops these writes at capture, otherwise they are recognised by source.gtid " + id + "-*";
    }

    @Override
    public void addCaptureFilter(Map<String, String> config, EchoIdentity echo) {
        config.put("gtid.source.excludes", echo.numericId() + "-.*");
        config.put("gtid.source.filter.dml.events", "true");
    }
}
