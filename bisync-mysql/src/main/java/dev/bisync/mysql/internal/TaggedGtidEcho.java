package dev.bisync.mysql.internal;

import dev.bisync.api.ChangeEvent;
import dev.bisync.spi.EchoIdentity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

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
