package dev.bisync.spi.dialect;

import dev.bisync.spi.EchoIdentity;

import java.util.List;

/**
 * What a dialect needs to write the Debezium connector configuration for its database.
 *
 * @param connectorName the Kafka Connect connector name
 * @param hostname      the database host, as Connect reaches it
 * @param port          the database port
 * @param database      the database to connect to (PostgreSQL {@code dbname}; MySQL/MariaDB: the synced database)
 * @param namespace     the schema (PostgreSQL) or database (MySQL/MariaDB) of the synced tables
 * @param tables        the synced tables
 * @param user          the user Debezium reads as
 * @param password      its password
 * @param topicPrefix   Debezium's {@code topic.prefix}
 * @param echo          how bisync marks its writes into this database
 * @param kafkaBootstrapServers the broker list (MySQL/MariaDB keep their schema history in a topic)
 * @param connectorServerId the replica server id the MySQL/MariaDB connector reads the binlog as
 * @param snapshotMode  Debezium's {@code snapshot.mode}: {@code initial} (existing rows first, then changes) or
 *                      {@code no_data} (changes from now on)
 */
public record CaptureRequest(String connectorName, String hostname, int port, String database, String namespace,
        List<String> tables, String user, String password, String topicPrefix, EchoIdentity echo,
        String kafkaBootstrapServers, long connectorServerId, String snapshotMode) {

    public CaptureRequest {
        tables = List.copyOf(tables);
    }

    /**
     * The synced tables as Debezium's {@code table.include.list}, {@code namespace.table,...}: regex characters in
     * names are escaped, since Debezium reads each entry as a regular expression.
     */
    public String tableIncludeList() {
        StringBuilder list = new StringBuilder();
        for (String table : tables) {
            if (list.length() > 0) {
                list.append(',');
            }
            list.append(regexLiteral(namespace)).append('.').append(regexLiteral(table));
        }
        return list.toString();
    }

    private static String regexLiteral(String name) {
        return name.replaceAll("([\\\\.\\[\\]{}()*+?^$|])", "\\\\$1");
    }

    @Override
    public String toString() {
        return "CaptureRequest[" + connectorName + " " + hostname + ":" + port + "/" + database + " as " + user + "]";
    }
}
