package dev.bisync.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * MySQL in a Docker container through Testcontainers ({@code org.testcontainers:mysql}), for the MySQL runs of the
 * core IT set: the image the system property {@value #IMAGE_PROPERTY} names ({@code mysql:8.4} or {@code mysql:8.0};
 * default {@value #DEFAULT_IMAGE}), with the database {@value EmbeddedStack#DATABASE} and what Debezium's MySQL
 * connector and bisync need:
 * <ul>
 *   <li>server: {@code gtid_mode=ON}, {@code enforce_gtid_consistency=ON}, server id {@value #SERVER_ID},
 *       {@code max_allowed_packet=64M}; the binary
 *       log, {@code binlog_format=ROW} and {@code binlog_row_image=FULL} are MySQL 8's defaults, and
 *       {@link #start()} checks them;</li>
 *   <li>{@code capture} (the connector's account): {@value #CAPTURE_GRANTS} on {@code *.*}, Debezium's documented
 *       set;</li>
 *   <li>{@code bisync} (the account bisync writes and reads its source rows as): {@value #BISYNC_GRANTS} on the
 *       database, and on MySQL 8.3 and newer {@value #TAG_GRANTS} on {@code *.*}, which its writer sessions need to
 *       tag their transactions ({@code SET gtid_next = 'AUTOMATIC:<tag>'}, the echo mark there).</li>
 * </ul>
 * The administrator is {@code root}. Clients reach the server on the container's mapped port; TLS is the image's
 * (on, with its own keys), which the connector's default {@code database.ssl.mode=preferred} uses.
 *
 * <p>Needs a Docker engine: {@link MySqlExtension} skips the tests that use it when none is reachable.
 */
public final class MySqlServer implements AutoCloseable {

    /** The system property that picks the image, e.g. {@code -Dbisync.test.mysql.image=mysql:8.0}. */
    public static final String IMAGE_PROPERTY = "bisync.test.mysql.image";
    /** The image run when {@value #IMAGE_PROPERTY} is not set. */
    public static final String DEFAULT_IMAGE = "mysql:8.4";
    /** The server id of the MySQL server itself; connectors must use others. */
    public static final int SERVER_ID = 1;
    /** What the connector's account is granted, on {@code *.*}. */
    public static final String CAPTURE_GRANTS = "SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT";
    /** What bisync's account is granted on the database: DML, and CREATE and INDEX for its own tables. */
    public static final String BISYNC_GRANTS = "SELECT, INSERT, UPDATE, DELETE, CREATE, INDEX";
    /** What bisync's account is granted on {@code *.*} from MySQL 8.3 on, for tagged GTIDs. */
    public static final String TAG_GRANTS = "TRANSACTION_GTID_TAG, SESSION_VARIABLES_ADMIN";

    static final String BISYNC_USER = "bisync";
    static final String CAPTURE_USER = "capture";
    private static final Logger LOG = LoggerFactory.getLogger(MySqlServer.class);

    private final MySQLContainer<?> container;
    private final String bisyncPassword = secret();
    private final String capturePassword = secret();
    private String version = "";

    private MySqlServer(String image) {
        this.container = new MySQLContainer<>(DockerImageName.parse(image).asCompatibleSubstituteFor("mysql"))
                .withDatabaseName(EmbeddedStack.DATABASE)
                .withPassword(secret())
                // Testcontainers' default my.cnf caps packets at 1 MB: room for bisync's multi-row statements
                .withCommand("--server-id=" + SERVER_ID, "--gtid-mode=ON", "--enforce-gtid-consistency=ON",
                        "--max-allowed-packet=64M");
    }

    /** The image {@value #IMAGE_PROPERTY} names, else {@value #DEFAULT_IMAGE}. */
    public static String image() {
        return System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE).trim();
    }

    /** Starts a container of {@link #image()}, checks its binary log and creates the accounts. */
    public static MySqlServer start() {
        MySqlServer server = new MySqlServer(image());
        long t0 = System.nanoTime();
        server.container.start();
        try {
            server.prepare();
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new IllegalStateException("MySQL " + image() + " started but could not be prepared: "
                    + e.getMessage(), e);
        }
        LOG.info("MySQL {} ({}) up on {}:{} in {} ms", server.version, image(), server.container.getHost(),
                server.port(), (System.nanoTime() - t0) / 1_000_000);
        return server;
    }

    private void prepare() throws SQLException {
        try (Connection c = admin().connect(); Statement s = c.createStatement()) {
            List<String> wrong = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT @@version, @@log_bin, @@binlog_format, @@binlog_row_image, "
                    + "@@gtid_mode")) {
                rs.next();
                version = rs.getString(1);
                expect(wrong, "log_bin", rs.getString(2), "1");
                expect(wrong, "binlog_format", rs.getString(3), "ROW");
                expect(wrong, "binlog_row_image", rs.getString(4), "FULL");
                expect(wrong, "gtid_mode", rs.getString(5), "ON");
            }
            if (!wrong.isEmpty()) {
                throw new IllegalStateException("binary log not as Debezium needs it: " + wrong);
            }
            s.execute("CREATE USER '" + CAPTURE_USER + "'@'%' IDENTIFIED BY '" + capturePassword + "'");
            s.execute("GRANT " + CAPTURE_GRANTS + " ON *.* TO '" + CAPTURE_USER + "'@'%'");
            s.execute("CREATE USER '" + BISYNC_USER + "'@'%' IDENTIFIED BY '" + bisyncPassword + "'");
            s.execute("GRANT " + BISYNC_GRANTS + " ON `" + EmbeddedStack.DATABASE + "`.* TO '" + BISYNC_USER
                    + "'@'%'");
            if (taggedGtids()) {
                s.execute("GRANT " + TAG_GRANTS + " ON *.* TO '" + BISYNC_USER + "'@'%'");
            }
        }
    }

    private static void expect(List<String> wrong, String variable, String actual, String expected) {
        if (!expected.equalsIgnoreCase(actual)) {
            wrong.add(variable + "=" + actual + " (needs " + expected + ")");
        }
    }

    /** Whether the server has tagged GTIDs (MySQL 8.3 and newer), bisync's echo mark on MySQL. */
    public boolean taggedGtids() {
        String[] parts = version.split("[.-]");
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        return major > 8 || major == 8 && minor >= 3;
    }

    /** The server's version, e.g. {@code 8.4.7}. */
    public String version() {
        return version;
    }

    /** The port clients reach the server on (the container's mapped port). */
    public int port() {
        return container.getMappedPort(MySQLContainer.MYSQL_PORT);
    }

    /** {@code root} on database {@value EmbeddedStack#DATABASE}: DDL, and the applications' writes. */
    public DatabaseEndpoint admin() {
        String host = container.getHost();
        return new DatabaseEndpoint("jdbc:mysql://" + host + ":" + port() + "/" + EmbeddedStack.DATABASE
                + "?allowPublicKeyRetrieval=true", host, port(), EmbeddedStack.DATABASE, "root",
                container.getPassword());
    }

    /** The account bisync writes as. */
    public DatabaseEndpoint bisyncUser() {
        return admin().as(BISYNC_USER, bisyncPassword);
    }

    /** The account the Debezium MySQL connector reads the binary log as. */
    public DatabaseEndpoint captureUser() {
        return admin().as(CAPTURE_USER, capturePassword);
    }

    /** Stops and removes the container. */
    @Override
    public void close() {
        container.stop();
    }

    private static String secret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return "s" + HexFormat.of().formatHex(bytes);
    }
}
