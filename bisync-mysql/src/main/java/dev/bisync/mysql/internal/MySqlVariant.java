package dev.bisync.mysql.internal;

/** The servers the MySQL-family dialect handles, and what differs between them. */
public enum MySqlVariant {

    /** MariaDB 10.6+ (tested with 11.4): GTID-domain echo mark, JSON as checked LONGTEXT. */
    MARIADB("MariaDB", "io.debezium.connector.mariadb.MariaDbConnector", new GtidDomainEcho(), true),
    /** MySQL 8.3+: tagged-GTID echo mark (untested here: MySQL cannot run where bisync is built). */
    MYSQL("MySQL", "io.debezium.connector.mysql.MySqlConnector", new TaggedGtidEcho(), false);

    private final String product;
    private final String connectorClass;
    private final EchoMark echoMark;
    private final boolean jsonIsCheckedText;

    MySqlVariant(String product, String connectorClass, EchoMark echoMark, boolean jsonIsCheckedText) {
        this.product = product;
        this.connectorClass = connectorClass;
        this.echoMark = echoMark;
        this.jsonIsCheckedText = jsonIsCheckedText;
    }

    /** The product name for logs. */
    public String product() {
        return product;
    }

    String connectorClass() {
        return connectorClass;
    }

    EchoMark echoMark() {
        return echoMark;
    }

    boolean jsonIsCheckedText() {
        return jsonIsCheckedText;
    }
}
