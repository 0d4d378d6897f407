package dev.bisync.core;

import java.util.Objects;

/**
 * Where and as whom a Debezium connector reads one side's database. {@link #toString()} hides the password.
 *
 * @param connectorName     the Kafka Connect connector name
 * @param hostname          the database host as the Connect worker reaches it
 * @param port              the database port
 * @param database          the database to connect to (PostgreSQL dbname; MySQL/MariaDB: the synced database)
 * @param user              the user Debezium reads as (replication privileges)
 * @param password          its password
 * @param connectorServerId the replica server id a MySQL/MariaDB connector reads the binlog as (unique in the
 *                          topology; ignored for PostgreSQL)
 * @param snapshotMode      {@code initial} (existing rows, then changes) or {@code no_data} (changes from now on)
 */
public record CaptureSettings(String connectorName, String hostname, int port, String database, String user,
        String password, long connectorServerId, String snapshotMode) {

    public CaptureSettings {
        Objects.requireNonNull(connectorName, "connectorName");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(snapshotMode, "snapshotMode");
    }

    @Override
    public String toString() {
        return "CaptureSettings[" + connectorName + " " + hostname + ":" + port + "/" + database + " as " + user + "]";
    }
}
