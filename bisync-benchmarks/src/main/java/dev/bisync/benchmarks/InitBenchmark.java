package dev.bisync.benchmarks;

import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.report.InitReport;
import dev.bisync.core.InitialSync;
import dev.bisync.core.report.TableCheck;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The initial sync's throughput next to the raw bulk-load rate of the same data on the same machine, in one run
 * (not a test). Generates {@code tables} tables of mixed types with {@code rowsPerTable} rows each on the source
 * side ({@code mariadb}, the default, or {@code postgres}), then:
 * <ol>
 *   <li><b>raw</b>: each table streamed from the source (one plain {@code SELECT}) and bulk-loaded into the target's
 *   {@code raw} schema (database), {@code parallelism} tables at a time, 5,000 rows per call — no conversion beyond
 *   the text the drivers (or, from PostgreSQL, the server's casts) give: into PostgreSQL with {@code COPY FROM STDIN}
 *   (CSV through the driver's {@code CopyManager}), into MariaDB with {@code LOAD DATA LOCAL INFILE} (tab-separated,
 *   through Connector/J's {@code setLocalInfileInputStream});</li>
 *   <li><b>bisync</b>: {@code InitialSync} from the source into the target's {@code public} schema ({@code app}
 *   database), same parallelism;</li>
 *   <li>the verification (counts and checksums of both sides), timed apart.</li>
 * </ol>
 * Prints rows/s and MB/s of both (MB: the values' size as bisync counts it, the same figure for both), their ratio and
 * the JVM's peak live heap (in use after a collection) during each phase.
 *
 * <pre>./mvnw -B -Pbench -pl bisync-benchmarks -am -DskipTests verify \
 *     -Dbench.main=dev.bisync.benchmarks.InitBenchmark -Dbench.args="200 10000 4 [mariadb|postgres] [upsert]"</pre>
 *
 * ({@code upsert}: bisync writes with upserts only, {@code InitialSync.Builder.bulkLoad(false)}, to compare.)
 */
public final class InitBenchmark {

    private static final String MARIA_COLUMNS = "id bigint PRIMARY KEY, qty int NOT NULL, price decimal(12,3), "
            + "name varchar(60) NOT NULL, born date, seen datetime(6), at_utc timestamp(6) NULL, ratio double, "
            + "flag boolean, data varbinary(32), note text, uid char(36), tod time(6)";
    private static final String PG_COLUMNS = "id bigint PRIMARY KEY, qty int NOT NULL, price numeric(12,3), "
            + "name varchar(60) NOT NULL, born date, seen timestamp(6), at_utc timestamptz(6), ratio double precision, "
            + "flag boolean, data bytea, note text, uid uuid, tod time(6)";
    private static final int COPY_ROWS = 5_000;

    private InitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tables = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rowsPerTable = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        boolean fromPostgres = args.length > 3 && args[3].equals("postgres");
        boolean bulkLoad = !(args.length > 4 && args[4].equals("upsert"));
        String source = fromPostgres ? "postgres" : "mariadb";
        List<String> names = IntStream.range(0, tables).mapToObj(i -> String.format("bench_t%03d", i)).toList();
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            long t0 = System.nanoTime();
            if (fromPostgres) {
                RawLoadData.generateOnPostgres(stack, names, rowsPerTable, MARIA_COLUMNS, PG_COLUMNS);
            } else {
                generate(stack, names, rowsPerTable);
            }
            System.out.printf("generated %d tables x %,d rows on %s in %.1f s%n", tables, rowsPerTable, source,
                    seconds(t0));

            HeapSampler heap = new HeapSampler();
            String rawLoad = load();
            long t1 = System.nanoTime();
            rawCopy(stack, names, parallelism, fromPostgres);
            double rawSeconds = seconds(t1);
            long rawHeap = heap.peakAndReset();
            rawLoad += " -> " + load();

            SyncConfig config = config(stack, names);
            String bisyncLoad = load();
            InitReport report = InitialSync.builder(config).from(source).parallelism(parallelism).bulkLoad(bulkLoad)
                    .chunkRows(5_000).verify(false).progress(Duration.ofSeconds(10), System.out::println).run();
            double bisyncSeconds = report.took().toNanos() / 1e9;
            long bisyncHeap = heap.peakAndReset();
            bisyncLoad += " -> " + load();

            long t2 = System.nanoTime();
            List<TableCheck> checks = InitialSync.builder(config).from(source).chunkRows(5_000).build().verify();
            double verifySeconds = seconds(t2);

            long rows = (long) tables * rowsPerTable;
            double mb = report.bytes() / 1e6;
            System.out.printf("RAW    %s: %,d rows, %.1f MB in %.1f s = %,.0f rows/s, %.1f MB/s%n",
                    fromPostgres ? "LOAD DATA LOCAL INFILE into MariaDB" : "COPY FROM STDIN into PostgreSQL", rows, mb,
                    rawSeconds, rows / rawSeconds, mb / rawSeconds);
            System.out.printf("BISYNC init from %s: %,d rows, %.1f MB in %.1f s = %,.0f rows/s, %.1f MB/s "
                    + "(%.0f %% of raw), rows written by %s%n", source, report.rows(), mb, bisyncSeconds,
                    report.rows() / bisyncSeconds, mb / bisyncSeconds, 100 * rawSeconds / bisyncSeconds,
                    report.writtenBy());
            System.out.printf("LOAD   1-minute load average at start -> end: raw %s, bisync %s (%d cores)%n", rawLoad,
                    bisyncLoad, Runtime.getRuntime().availableProcessors());
            System.out.printf("VERIFY  %d tables compared in %.1f s, %d differ%n", checks.size(), verifySeconds,
                    checks.stream().filter(c -> !c.equal()).count());
            System.out.printf("MEMORY  peak live heap (in use after a GC, whole JVM): raw %.0f MB, bisync init "
                    + "%.0f MB, verify %.0f MB (-Xmx %d MB); parallelism %d, %d rows per chunk%n", rawHeap / 1e6,
                    bisyncHeap / 1e6, heap.peakAndReset() / 1e6, Runtime.getRuntime().maxMemory() / 1_000_000,
                    parallelism, 5_000);
        }
    }

    private static void generate(EmbeddedStack stack, List<String> names, int rows) throws SQLException {
        try (Connection m = stack.mariadb().connect(); Statement s = m.createStatement()) {
            String first = names.get(0);
            s.execute("CREATE TABLE " + first + " (" + MARIA_COLUMNS + ")");
            s.execute("INSERT INTO " + first + " SELECT seq, seq * 7 % 100000 - 50000, (seq % 100000000) / 1000, "
                    + "CONCAT('name ', seq, IF(seq % 5 = 0, ' Grüße 東京', '')), DATE '1990-01-01' + INTERVAL "
                    + "(seq % 12000) DAY, TIMESTAMP '2020-01-01 00:00:00' + INTERVAL (seq * 1000003) MICROSECOND, "
                    + "IF(seq % 7 = 3, NULL, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND), seq / 64, "
                    + "seq % 2 = 0, UNHEX(MD5(seq)), IF(seq % 7 = 3, NULL, REPEAT('x', seq % 200)), UUID(), "
                    + "SEC_TO_TIME(seq % 86400) FROM (SELECT CAST(seq AS SIGNED) AS seq FROM seq_1_to_" + rows + ") s");
            for (String t : names.subList(1, names.size())) {
                s.execute("CREATE TABLE " + t + " LIKE " + first);
                s.execute("INSERT INTO " + t + " SELECT * FROM " + first);
            }
        }
        try (Connection p = stack.postgres().connect(); Statement s = p.createStatement()) {
            s.execute("CREATE SCHEMA raw");
            for (String t : names) {
                s.execute("CREATE TABLE raw." + t + " (" + PG_COLUMNS + ")");
                s.execute("CREATE TABLE public." + t + " (" + PG_COLUMNS + ")");
            }
        }
    }

    /** Streams each table from the source into the target's {@code raw} schema by its bulk path, in parallel. */
    private static void rawCopy(EmbeddedStack stack, List<String> names, int parallelism, boolean fromPostgres)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String t : names) {
                futures.add(pool.submit(() -> {
                    if (fromPostgres) {
                        RawLoadData.loadTable(stack.postgres(), stack.mariadb(), t, COPY_ROWS);
                    } else {
                        copyTable(stack.mariadb(), stack.postgres(), t);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void copyTable(DatabaseEndpoint maria, DatabaseEndpoint pg, String table) throws Exception {
        HexFormat hex = HexFormat.of();
        try (Connection m = maria.connect(); Connection p = pg.connect();
             Statement s = m.createStatement(java.sql.ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            p.setAutoCommit(false);
            s.execute("SET time_zone = '+00:00'");
            s.setFetchSize(Integer.MIN_VALUE); // Connector/J: stream the rows
            CopyManager copy = p.unwrap(PGConnection.class).getCopyAPI();
            String sql = "COPY raw." + table + " FROM STDIN (FORMAT csv)";
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData md = rs.getMetaData();
                int width = md.getColumnCount();
                StringBuilder csv = new StringBuilder(1 << 20);
                int n = 0;
                while (rs.next()) {
                    for (int i = 1; i <= width; i++) {
                        if (i > 1) {
                            csv.append(',');
                        }
                        if (md.getColumnType(i) == Types.VARBINARY || md.getColumnType(i) == Types.BINARY) {
                            byte[] b = rs.getBytes(i);
                            if (b != null) {
                                csv.append("\\x").append(hex.formatHex(b));
                            }
                        } else {
                            String v = rs.getString(i);
                            if (v != null) {
                                csv.append('"').append(v.replace("\"", "\"\"")).append('"');
                            }
                        }
                    }
                    csv.append('\n');
                    if (++n % COPY_ROWS == 0) {
                        copy.copyIn(sql, new StringReader(csv.toString()));
                        csv.setLength(0);
                    }
                }
                if (csv.length() > 0) {
                    copy.copyIn(sql, new StringReader(csv.toString()));
                }
            }
            p.commit();
        }
    }

    private static SyncConfig config(EmbeddedStack stack, List<String> names) {
        DatabaseEndpoint maria = stack.mariadbServer().bisyncUser();
        DatabaseEndpoint pg = stack.postgresServer().bisyncUser();
        return SyncConfig.builder().name("bench").kafkaBootstrapServers(stack.kafkaBootstrapServers())
                .sideA(new SideConfig("mariadb", DatabaseConfig.of(maria.jdbcUrl(), maria.user(), maria.password()),
                        EmbeddedStack.DATABASE, "benchmaria", names))
                .sideB(new SideConfig("postgres", DatabaseConfig.of(pg.jdbcUrl(), pg.user(), pg.password()), "public",
                        "benchpg", names))
                .build();
    }

    /**
     * The JVM's live heap: the heap in use right after the latest garbage collection (summed over the heap pools),
     * sampled every 20 ms on a daemon thread; the peak since the last call.
     */
    private static final class HeapSampler {
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null).toList();
        private final AtomicLong peak = new AtomicLong();

        HeapSampler() {
            Thread t = new Thread(() -> {
                while (true) {
                    peak.accumulateAndGet(pools.stream().mapToLong(p -> p.getCollectionUsage().getUsed()).sum(),
                            Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            t.setDaemon(true);
            t.start();
        }

        long peakAndReset() {
            return peak.getAndSet(0);
        }
    }

    /** The machine's 1-minute load average. */
    private static String load() {
        return String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
