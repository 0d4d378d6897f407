package dev.bisync.api;

/**
 * What the connector says about who made a change, used to recognise bisync's own writes (echoes).
 *
 * @param connector the Debezium connector kind: {@code postgresql}, {@code mariadb}, {@code mysql}
 * @param origin    the PostgreSQL replication origin of the writing session, or null
 * @param serverId  the MySQL/MariaDB server id of the writing session, or 0 when unknown
 * @param gtid      the MySQL/MariaDB GTID of the transaction ({@code domain-server-seq} on MariaDB, {@code uuid:n}
 *                  or {@code uuid:tag:n} on MySQL), or null
 */
public record SourceMetadata(String connector, String origin, long serverId, String gtid) {
}
