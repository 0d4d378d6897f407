package dev.bisync.mysql.internal;

import dev.bisync.api.ChangeEvent;
import dev.bisync.spi.EchoIdentity;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** How one server variant marks bisync's writes in its binary log, and how the connector or the lane skips them. */
interface EchoMark {

    /** Marks the session's transactions from now on; returns the mark for the start-up log. */
    String mark(Connection connection, EchoIdentity echo) throws SQLException;

    /**
     * Why this account on this server cannot mark its sessions (version, privilege, setting), naming what would
     * enable it; empty when it can. Leaves the session as it found it.
     */
    Optional<String> unavailable(Connection connection, EchoIdentity echo) throws SQLException;

    /** Whether a captured change carries the mark. */
    boolean isOwnWrite(ChangeEvent event, EchoIdentity echo);

    /** The one-line description for the start-up log. */
    String describe(EchoIdentity echo);

    /** Adds the connector settings that drop marked transactions at capture, if the connector can. */
    void addCaptureFilter(Map<String, String> config, EchoIdentity echo);
}
