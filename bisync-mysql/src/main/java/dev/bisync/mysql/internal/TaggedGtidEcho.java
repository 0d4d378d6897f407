package dev.bisync.mysql.internal;

import dev.bisync.api.ChangeEvent;
import dev.bisync.spi.EchoIdentity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/**
 * MySQL 8.3+: bisync's sessions commit with tagged GTIDs ({@code SET gtid_next = 'AUTOMATIC:<echo name>'}), so
 * their transactions are {@code <uuid>:<echo name>:<n>}, and {@code source.gtid} gives them away on consume; the
 * MySQL connector cannot drop them at capture. Needs {@code gtid_mode=ON} and the {@code TRANSACTION_GTID_TAG}
 * privilege; a tag has at most 32 characters.
 *
 * <p>Untested: MySQL 8 cannot run where bisync is built (no binaries on Maven Central, no Docker); the MariaDB path
 * is the one the test suite covers.
 */
final class TaggedGtidEcho implements EchoMark {

    private static final int MAX_TAG_LENGTH = 32;
    /** ER_SPECIFIC_ACCESS_DENIED_ERROR: the account lacks a privilege the statement needs. */
    private static final int ACCESS_DENIED = 1227;
    /** The first MySQL with tagged GTIDs. */
    private static final ServerVersion TAGS_SINCE = new ServerVersion(8, 3);

    @Override
    public String mark(Connection connection, EchoIdentity echo) throws SQLException {
        if (echo.name().length() > MAX_TAG_LENGTH) {
            throw new SQLException("echo name " + echo.name() + " is longer than the " + MAX_TAG_LENGTH
                    + " characters of a MySQL GTID tag: give the sync a shorter name");
        }
        try (PreparedStatement set = connection.prepareStatement("SET SESSION gtid_next = ?")) {
            set.setString(1, "AUTOMATIC:" + echo.name());
            set.execute();
        } catch (SQLException e) {
            throw new SQLException("cannot tag bisync's transactions with GTID tag " + echo.name() + ": "
                    + e.getMessage() + ". It needs MySQL 8.3+, gtid_mode=ON and the privilege: "
                    + "GRANT TRANSACTION_GTID_TAG ON *.* TO <bisync user>", e.getSQLState(), e.getErrorCode(), e);
        }
        return "GTID tag " + echo.name();
    }

    /**
     * Unavailable before MySQL 8.3 (no tagged GTIDs), without {@code gtid_mode=ON}, for an echo name longer than a
     * tag, or without the privilege to tag (tried: the tag is set and taken back).
     */
    @Override
    public Optional<String> unavailable(Connection connection, EchoIdentity echo) throws SQLException {
        ServerVersion version = ServerVersion.parse(connection.getMetaData().getDatabaseProductVersion());
        if (version.compareTo(TAGS_SINCE) < 0) {
            return Optional.of("MySQL " + version + " has no tagged GTIDs (they came with 8.3)");
        }
        if (echo.name().length() > MAX_TAG_LENGTH) {
            return Optional.of("the echo name " + echo.name() + " is longer than the " + MAX_TAG_LENGTH
                    + " characters of a GTID tag: give the sync a shorter echo name");
        }
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT @@GLOBAL.gtid_mode")) {
            rs.next();
            if (!"ON".equalsIgnoreCase(rs.getString(1))) {
                return Optional.of("gtid_mode is " + rs.getString(1) + ": tagged GTIDs need gtid_mode=ON");
            }
        }
        try (PreparedStatement set = connection.prepareStatement("SET SESSION gtid_next = ?")) {
            set.setString(1, "AUTOMATIC:" + echo.name());
            set.execute();
            set.setString(1, "AUTOMATIC");
            set.execute();
            return Optional.empty();
        } catch (SQLException e) {
            if (e.getErrorCode() != ACCESS_DENIED) {
                throw e;
            }
            return Optional.of("the account may not tag its transactions (" + e.getMessage() + "): GRANT "
                    + "TRANSACTION_GTID_TAG, SESSION_VARIABLES_ADMIN ON *.* TO <bisync user>");
        }
    }

    @Override
    public boolean isOwnWrite(ChangeEvent event, EchoIdentity echo) {
        String gtid = event.source().gtid();
        return gtid != null && gtid.contains(":" + echo.name() + ":");
    }

    @Override
    public String describe(EchoIdentity echo) {
        return "tagged GTIDs (gtid_next=AUTOMATIC:" + echo.name() + ") on writer sessions; the MySQL connector "
                + "cannot drop them at capture, they are recognised on consume by source.gtid";
    }

    @Override
    public void addCaptureFilter(Map<String, String> config, EchoIdentity echo) {
        // the MySQL connector has no filter for GTID tags: echoes are recognised on consume
    }
}
