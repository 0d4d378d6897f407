package dev.bisync.mysql.internal;

/** The servers the MySQL-family dialect handles, and what differs between them. */
public enum MySqlVariant {

    /** MariaDB 10.6+ (tested with 10.11 and 11.4): GTID-domain echo mark, JSON as checked LONGTEXT. */
    MARIADB("MariaDB", "io.debezium.connector.mariadb.MariaDbConnector", new GtidDomainEcho(), true,
            new ServerVersion(10, 6), "bisync marks its writes with SET SESSION gtid_domain_id under the BINLOG "
                    + "REPLAY privilege, which exists from 10.5.2; 10.5 left maintenance in June 2025, so the oldest "
                    + "long-term series is 10.6; tested with 10.11 and 11.4"),
    /** MySQL 8.0+; the echo mark at capture (tagged GTIDs) needs 8.3+ (untested here: MySQL cannot run here). */
    MYSQL("MySQL", "io.debezium.connector.mysql.MySqlConnector", new TaggedGtidEcho(), false,
            new ServerVersion(8, 0), "Debezium 3's MySQL connector reads 8.0 and newer, and bisync reads JSON as "
                    + "MySQL's native JSON type; marking bisync's own writes by GTID tag needs 8.3");

    private final String product;
    private final String connectorClass;
    private final EchoMark echoMark;
    private final boolean jsonIsCheckedText;
    private final ServerVersion minimum;
    private final String whyMinimum;

    MySqlVariant(String product, String connectorClass, EchoMark echoMark, boolean jsonIsCheckedText,
            ServerVersion minimum, String whyMinimum) {
        this.product = product;
        this.connectorClass = connectorClass;
        this.echoMark = echoMark;
        this.jsonIsCheckedText = jsonIsCheckedText;
        this.minimum = minimum;
        this.whyMinimum = whyMinimum;
    }

    /** The oldest server version of this variant that bisync runs on. */
    public ServerVersion minimum() {
        return minimum;
    }

    /** Why {@link #minimum()} is the minimum, for the refusal message. */
    String whyMinimum() {
        return whyMinimum;
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
