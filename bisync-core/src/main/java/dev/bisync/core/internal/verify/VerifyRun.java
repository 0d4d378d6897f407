package dev.bisync.core.internal.verify;

import dev.bisync.api.TableId;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.internal.init.CopyDirection;
import dev.bisync.core.internal.lane.LaneAssembly;
import dev.bisync.core.internal.target.DialectResolver;
import dev.bisync.core.internal.target.TargetConnections;
import dev.bisync.core.report.DriftedRow;
import dev.bisync.core.report.VerifyReport;
import dev.bisync.core.report.VerifyReport.TableVerification;
import dev.bisync.spi.dialect.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One online verify of a sync: each table compared in chunks ({@link TableScan}), its differing keys settled
 * ({@link InFlightCheck}), with a progress line (rows, rate, ETA from the databases' row estimates) and the totals
 * told to a {@link VerifyListener}. Runs on the caller's thread, over two read-only connections.
 */
public final class VerifyRun {

    private static final Logger LOG = LoggerFactory.getLogger(VerifyRun.class);

    /**
     * What to compare and how.
     *
     * @param tables           side A's tables to compare (empty: all)
     * @param chunkRows        side A's rows per chunk
     * @param captureAllowance how long a committed change may take to reach Kafka
     * @param settleTimeout    how long to wait for the lanes to pass a reading
     * @param rounds           how often a changing key is read again
     * @param progressEvery    how often a progress line is told (zero: never)
     */
    public record Settings(List<String> tables, int chunkRows, Duration captureAllowance, Duration settleTimeout,
            int rounds, Duration progressEvery) {
    }

    /** Hears of a verify's progress (on the verifying thread); every method a no-op by default. */
    public interface VerifyListener {
        /** A progress line, for people. */
        default void progress(String line) {
        }

        /** Side A's rows read since the last call. */
        default void rowsRead(long rows) {
        }
    }

    private final SyncConfig config;
    private final Settings settings;
    private final VerifyListener listener;

    public VerifyRun(SyncConfig config, Settings settings, VerifyListener listener) {
        this.config = config;
        this.settings = settings;
        this.listener = listener;
        for (String t : settings.tables()) {
            if (!config.sideA().tables().contains(t)) {
                throw new IllegalArgumentException("table " + t + " is not synced: side " + config.sideA().name()
                        + "'s tables are " + config.sideA().tables());
            }
        }
    }

    /** Compares; the report lists the drifted and unsettled rows. */
    public VerifyReport run() throws SQLException, InterruptedException {
        long started = System.nanoTime();
        SideConfig sideA = config.sideA();
        SideConfig sideB = config.sideB();
        List<String> tables = settings.tables().isEmpty() ? sideA.tables() : settings.tables();
        List<TableVerification> results = new ArrayList<>();
        List<DriftedRow> drift = new ArrayList<>();
        List<DriftedRow> unsettled = new ArrayList<>();
        try (Connection a = TargetConnections.open(sideA.database());
             Connection b = TargetConnections.open(sideB.database())) {
            a.setAutoCommit(false); // each read in a transaction of its own (the dialect's snapshot read)
            b.setAutoCommit(false);
            DialectResolver resolver = new DialectResolver();
            Dialect aDialect = resolver.resolve(sideA.database().jdbcUrl(), a);
            Dialect bDialect = resolver.resolve(sideB.database().jdbcUrl(), b);
            Map<String, Dialect> dialects = new HashMap<>(Map.of(sideA.name(), aDialect, sideB.name(), bDialect));
            CopyDirection direction = new CopyDirection(LaneAssembly.laneName(sideA, sideB), sideA, sideB, aDialect,
                    bDialect, config.tableMapper(), false);
            Progress progress = new Progress(estimate(a, aDialect, tables), settings.progressEvery(), listener);
            a.commit();
            b.commit();
            try (LaneProgress lanes = new LaneProgress(config, dialects)) {
                InFlightCheck inFlight = new InFlightCheck(lanes, settings.captureAllowance(),
                        settings.settleTimeout(), settings.rounds());
                for (String table : tables) {
                    try (TablePair pair = new TablePair(direction, table, a, b, settings.chunkRows())) {
                        a.commit(); // the catalog reads' transactions
                        b.commit();
                        progress.table(table);
                        TableScan.Result scan = new TableScan(pair, a, aDialect, b, bDialect, settings.chunkRows())
                                .run(progress::rows);
                        InFlightCheck.Outcome outcome = inFlight.settle(pair, a, aDialect, b, bDialect,
                                scan.suspects(), System.currentTimeMillis());
                        outcome.drift().forEach(s -> drift.add(row(pair, s)));
                        outcome.unsettled().forEach(s -> unsettled.add(row(pair, s)));
                        if (outcome.reason() != null && !outcome.unsettled().isEmpty()) {
                            LOG.warn("[{}] verify of {}: {} key(s) unsettled: {}", config.name(), table,
                                    outcome.unsettled().size(), outcome.reason());
                        }
                        results.add(new TableVerification(table, scan.rowsA(), scan.rowsB(), scan.chunks(),
                                scan.chunksDiffering(), outcome.drift().size()));
                    }
                }
            }
        }
        VerifyReport report = new VerifyReport(results, drift, unsettled, Duration.ofNanos(System.nanoTime()
                - started));
        LOG.info("[{}] verify: {} table(s), {} rows read, {} chunk(s), {} differing at first reading; {} row(s) "
                + "drifted, {} unsettled, in {} ms", config.name(), results.size(), report.rows(),
                results.stream().mapToLong(TableVerification::chunks).sum(),
                results.stream().mapToLong(TableVerification::chunksDiffering).sum(), drift.size(), unsettled.size(),
                report.took().toMillis());
        return report;
    }

    private DriftedRow row(TablePair pair, Suspect s) {
        return new DriftedRow(pair.table, pair.keyImage(s.aKey()), config.sideA().name(), pair.imageA(s.aRow()),
                config.sideB().name(), pair.imageB(s.bRow()));
    }

    private long estimate(Connection a, Dialect dialect, List<String> tables) {
        long total = 0;
        for (String t : tables) {
            try {
                long n = dialect.catalog().estimateRows(a, new TableId(config.sideA().namespace(), t));
                if (n < 0) {
                    return -1;
                }
                total += n;
            } catch (SQLException e) {
                return -1;
            }
        }
        return total;
    }
}
