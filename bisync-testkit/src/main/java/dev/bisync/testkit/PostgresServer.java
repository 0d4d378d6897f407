package dev.bisync.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * PostgreSQL 18 from the zonky binaries, set up for logical decoding ({@code wal_level=logical}) with
 * {@code synchronous_commit=on} (zonky turns it off; then a change may be invisible to logical decoding right
 * after COMMIT), and {@code track_commit_timestamp=on}. As root, zonky runs the server in a user namespace
 * ({@code unshare -U}).
 *
 * <p>Authentication is by password ({@code scram-sha-256}) for every TCP connection, so a wrong password fails as
 * it would in production. Two roles exist: the superuser {@code postgres} (applications and Debezium) and
 * {@code bisync}, an ordinary role with DML rights on the tables of schema {@code public}, the right to create its
 * own tables there, and EXECUTE on the replication-origin functions bisync's echo prevention uses.
 */
public final class PostgresServer implements StackComponent {

    static final String SUPERUSER = "postgres";
    static final String BISYNC_USER = "bisync";

    private final Path dataDirectory;
    private final String database;
    private final String superuserPassword;
    private final String bisyncPassword;
    private final int port;
    private EmbeddedPostgres postgres;
    private boolean initialised;
    private String version = "";

    PostgresServer(Path dataDirectory, String database, String superuserPassword, String bisyncPassword) {
        this.dataDirectory = dataDirectory;
        this.database = database;
        this.superuserPassword = superuserPassword;
        this.bisyncPassword = bisyncPassword;
        this.port = FreePorts.next();
    }

    @Override
    public String name() {
        return "PostgreSQL " + version;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized boolean isRunning() {
        return postgres != null;
    }

    @Override
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            Files.createDirectories(dataDirectory);
            postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(dataDirectory.getParent().resolve("postgres-binaries").toFile())
                    // zonky's own readiness check connects as the superuser; once the password is set, it needs it
                    .setConnectConfig("password", superuserPassword)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "40")
                    .setServerConfig("max_wal_senders", "40")
                    .setServerConfig("max_connections", "300")
                    // PostgreSQL 18 allows 10 replication origins with progress by default; each writer connection
                    // has one, and an origin keeps its slot until it is dropped: one test JVM runs ~20 syncs
                    .setServerConfig("max_active_replication_origins", "200")
                    .setServerConfig("synchronous_commit", "on")
                    // commit timestamps recorded, as users of PostgreSQL 18's conflict detection have them
                    .setServerConfig("track_commit_timestamp", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory, e);
        }
        if (!initialised) {
            initialise();
            initialised = true;
        }
    }

    private void initialise() {
        String trustUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(trustUrl, SUPERUSER, superuserPassword);
             Statement s = c.createStatement()) {
            var rs = s.executeQuery("SHOW server_version");
            rs.next();
            version = rs.getString(1).split(" ")[0];
            s.execute("ALTER ROLE postgres PASSWORD '" + superuserPassword + "'");
            s.execute("CREATE ROLE " + BISYNC_USER + " LOGIN PASSWORD '" + bisyncPassword + "'");
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL set-up failed: " + e.getMessage(), e);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(), SUPERUSER, superuserPassword);
             Statement s = c.createStatement()) {
            // function privileges are per database: grant them in the stack's database
            for (String function : List.of("pg_replication_origin_create(text)",
                    "pg_replication_origin_session_setup(text)", "pg_replication_origin_session_reset()",
                    "pg_replication_origin_xact_reset()")) {
                s.execute("GRANT EXECUTE ON FUNCTION " + function + " TO " + BISYNC_USER);
            }
            s.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + BISYNC_USER);
            s.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "
                    + BISYNC_USER);
            s.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO "
                    + BISYNC_USER);
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
                    # written by bisync-testkit: passwords required on every TCP connection
                    local all         all                trust
                    host  all         all  127.0.0.1/32  scram-sha-256
                    host  replication all  127.0.0.1/32  scram-sha-256
                    """);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL set-up failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop", e);
        } finally {
            postgres = null;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The superuser {@code postgres} on the stack's database. */
    public DatabaseEndpoint superuser() {
        return new DatabaseEndpoint(jdbcUrl(), "127.0.0.1", port, database, SUPERUSER, superuserPassword);
    }

    /** The unprivileged {@code bisync} role on the stack's database. */
    public DatabaseEndpoint bisyncUser() {
        return superuser().as(BISYNC_USER, bisyncPassword);
    }
}
