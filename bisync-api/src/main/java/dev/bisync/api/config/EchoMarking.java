package dev.bisync.api.config;

/**
 * How bisync marks the transactions it writes into one side's database, so that the lane reading that database's
 * changes recognises them as its own (echoes) and does not apply them back. Set per side
 * ({@link SideConfig#withEchoMarking}, {@code side.<a|b>.echo-marking}).
 */
public enum EchoMarking {

    /**
     * The database's own session mark where the server and bisync's account allow it — a PostgreSQL replication
     * origin, a MariaDB GTID domain, a MySQL 8.3+ GTID tag — which the connector filters at capture or the lane
     * recognises per event; otherwise {@link #MARKER_ROWS}, with a warning at start-up that says why (the server's
     * version, the missing privilege) and what to grant.
     */
    AUTO,

    /**
     * Always marker rows: each transaction bisync writes that changes synced rows also updates a row of bisync's table
     * {@code bisync_echo_marks} (one row per writer connection), which the connector captures with the synced
     * tables; the lane recognises every change of a transaction that carries this sync's marker, by the
     * transaction id of Debezium's transaction metadata. Needs no privilege beyond writing that table. Costs one
     * more row write per transaction bisync writes, and bisync's writes reach Kafka and the other lane (which drops
     * them) instead of being left out at capture.
     */
    MARKER_ROWS
}
