package dev.bisync.core;

import dev.bisync.core.report.RejectedRow;
import dev.bisync.core.report.TableCheck;
import dev.bisync.core.report.InitReport;
import dev.bisync.api.BisyncException;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.deadletter.DeadLetterPublisher;
import dev.bisync.core.internal.init.CopyDirection;
import dev.bisync.core.internal.init.CopyProgress;
import dev.bisync.core.internal.init.CopyRun;
import dev.bisync.core.internal.init.InitProgressStore;
import dev.bisync.core.internal.init.TableVerifier;
import dev.bisync.core.internal.lane.LaneAssembly;
import dev.bisync.core.internal.target.DialectResolver;
import dev.bisync.core.internal.target.TargetConnections;
import dev.bisync.spi.dialect.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The initial sync: makes both databases hold the same rows before the lanes stream, table by table.
 *
 * <pre>{@code
 * InitReport report = InitialSync.builder(config).from("mariadb").parallelism(4)
 *         .progress(Duration.ofSeconds(2), System.out::println).run();
 * report.mismatches();                                   // empty: every table has equal counts and checksums
 * try (BiSync sync = BiSync.builder(config).start()) {   // the lanes take over exactly where each copy stopped
 * }
 * }</pre>
 *
 * <p><b>Copy.</b> {@link Builder#from} copies the rows of one side to the other, overwriting rows with the same key;
 * {@link Builder#both} fills both ways: each side gets the rows whose key it lacks, and rows both hold but differently
 * are left as they are and listed by the verification. Tables go in foreign-key order on a pool of
 * {@link Builder#parallelism} threads; each is read in primary-key chunks of {@link Builder#chunkRows} rows (memory
 * bounded whatever the table's size) with the source dialect's {@code read} and written with the target dialect's
 * upsert and {@code bind} — the conversions the lanes use — one JDBC batch (a multi-row statement) and one
 * transaction per chunk, through bisync's echo-marked writer sessions (so the copy is not captured back). A table
 * that is empty when its copy starts is written by the target's bulk path instead (PostgreSQL {@code COPY},
 * MySQL/MariaDB {@code LOAD DATA LOCAL INFILE}; {@link Builder#bulkLoad}), with the same conversions.
 *
 * <p><b>Hand-over.</b> Run it after the connectors stream (snapshot mode {@code no_data}) and before the lanes
 * start. Each table is read inside one consistent snapshot whose mark (PostgreSQL: {@code pg_current_snapshot()};
 * MariaDB: the binlog position of {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}) is kept in the target's
 * {@code bisync_init_progress}; a lane starting later skips, for each copied table, exactly the captured changes
 * that snapshot holds and applies the rest.
 *
 * <p><b>Resume.</b> Progress is recorded per table and chunk. After a crash, running it again skips the tables
 * done and continues each unfinished one after its last committed key, in a new snapshot; the lanes' hand-over
 * tests each change against the snapshot of the key range it falls in. A table whose key includes a column whose
 * order bisync cannot reproduce exactly (text, by collation) is copied again from its first row
 * ({@link InitReport#resumed()} lists the tables resumed).
 *
 * <p><b>Refused rows.</b> A row the target refuses (a value its column cannot hold, a constraint, a key its collation
 * makes one with another row's) is left out and the rest of its table copied; it is reported
 * ({@link InitReport#rejected()}), kept in the target's {@code bisync_init_rejected}, and sent to the dead-letter
 * topic of the lane of its direction, so that {@link DeadLetterReplay} copies it once its cause is fixed (reading it
 * again from the source). Sending needs Kafka only when a row is refused.
 */
public final class InitialSync {

    private static final Logger LOG = LoggerFactory.getLogger(InitialSync.class);

    private final SyncConfig config;
    private final List<CopyDirection> directions;
    private final int parallelism;
    private final int chunkRows;
    private final Duration progressEvery;
    private final Consumer<String> progressLine;
    private final BiConsumer<String, Long> afterChunk;
    private final boolean verify;
    private final boolean bulkLoad;

    private InitialSync(Builder b, List<CopyDirection> directions) {
        this.config = b.config;
        this.directions = directions;
        this.parallelism = b.parallelism;
        this.chunkRows = b.chunkRows;
        this.progressEvery = b.progressEvery;
        this.progressLine = b.progressLine;
        this.afterChunk = b.afterChunk;
        this.verify = b.verify;
        this.bulkLoad = b.bulkLoad;
    }

    /** A builder for an initial sync of this configuration's tables. */
    public static Builder builder(SyncConfig config) {
        return new Builder(Objects.requireNonNull(config, "config"));
    }

    /**
     * Copies, then (unless turned off) compares every table on both sides.
     *
     * @throws BisyncException when a table cannot be copied (the message names it and says why); the tables done are
     *                         kept, and running again resumes
     */
    public InitReport run() throws InterruptedException {
        CopyProgress progress = new CopyProgress();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bisync-init-progress");
            t.setDaemon(true);
            return t;
        });
        if (progressLine != null) {
            ticker.scheduleAtFixedRate(() -> progressLine.accept("init " + progress.line()), progressEvery.toMillis(),
                    progressEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
        int copied = 0;
        int total = 0;
        try {
            for (CopyDirection direction : directions) {
                String lane = direction.run();
                copied += new CopyRun(config.name(), direction, config.echo(), parallelism, chunkRows, bulkLoad,
                        progress, afterChunk, () -> new DeadLetterPublisher(config.kafkaBootstrapServers(),
                                config.kafkaProperties(), LaneAssembly.deadLetterTopic(config, lane), lane)).run();
                total += direction.source().tables().size();
            }
        } catch (SQLException e) {
            throw new BisyncException("[" + config.name() + "] initial copy failed: " + e.getMessage(), e);
        } finally {
            ticker.shutdownNow();
        }
        Duration took = progress.elapsed();
        if (progressLine != null) {
            progressLine.accept("init done: " + progress.line());
        }
        LOG.info("[{}] initial copy done: {}", config.name(), progress.line());
        progress.resumed().forEach(r -> LOG.info("[{}] {}", config.name(), r));
        List<RejectedRow> rejected = recordedRejections();
        if (!rejected.isEmpty()) {
            LOG.warn("[{}] initial copy: {} row(s) rejected by the target, {} by this run (listed in the report and "
                    + "in {}, and dead letters of the lane of their direction: fix the cause, then replay them; the "
                    + "rest of their tables is copied)", config.name(), rejected.size(), progress.rejected().size(),
                    InitProgressStore.REJECTED_TABLE);
        }
        return new InitReport(copied, total, progress.rows(), progress.writtenBy(), progress.bytes(), took,
                verify ? verify() : List.of(), progress.resumed(), rejected);
    }

    /** The rows the target refused in the copies of the sync's tables that stand, by this run or an earlier one. */
    private List<RejectedRow> recordedRejections() {
        List<RejectedRow> rows = new ArrayList<>();
        for (CopyDirection direction : directions) {
            try (Connection c = TargetConnections.open(direction.target().database())) {
                InitProgressStore store = new InitProgressStore(direction.targetDialect(),
                        direction.target().namespace());
                store.rejected(c, direction.run(), direction.source()::topicFor).stream()
                        .filter(r -> direction.source().tables().contains(r.table())).forEach(rows::add);
            } catch (SQLException e) {
                throw new BisyncException("[" + config.name() + "] cannot read " + InitProgressStore.REJECTED_TABLE
                        + " of side '" + direction.target().name() + "': " + e.getMessage(), e);
            }
        }
        return rows;
    }

    /** Compares every table of every direction on both sides (counts and checksums); no writes. */
    public List<TableCheck> verify() {
        List<TableCheck> checks = new ArrayList<>();
        try {
            for (CopyDirection direction : directions) {
                for (TableVerifier.Result r : new TableVerifier(direction, chunkRows).verify()) {
                    checks.add(new TableCheck(direction.run(), r.sourceTable(), r.sourceRows(), r.targetRows(),
                            r.sourceChecksum(), r.targetChecksum()));
                }
            }
        } catch (SQLException e) {
            throw new BisyncException("[" + config.name() + "] verification failed: " + e.getMessage(), e);
        }
        checks.stream().filter(c -> !c.equal()).forEach(c -> LOG.warn("[{}] {}", config.name(), c));
        return checks;
    }

    /** Configures an initial sync. */
    public static final class Builder {
        private final SyncConfig config;
        private String from;
        private boolean both;
        private int parallelism = 4;
        private int chunkRows = 5_000;
        private Duration progressEvery = Duration.ofSeconds(2);
        private Consumer<String> progressLine;
        private BiConsumer<String, Long> afterChunk = (table, chunk) -> { };
        private boolean verify = true;
        private boolean bulkLoad = true;

        private Builder(SyncConfig config) {
            this.config = config;
        }

        /** Copies the rows of side {@code sideName} to the other side (rows with the same key are overwritten). */
        public Builder from(String sideName) {
            this.from = Objects.requireNonNull(sideName, "sideName");
            this.both = false;
            return this;
        }

        /** Fills both ways: each side gets the rows whose key it lacks; rows both hold are not changed. */
        public Builder both() {
            this.both = true;
            this.from = null;
            return this;
        }

        /** How many tables are copied at the same time (default 4). */
        public Builder parallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("parallelism must be 1 or more, not " + threads);
            }
            this.parallelism = threads;
            return this;
        }

        /** Rows per chunk: per read query, JDBC batch and transaction (default 5,000). */
        public Builder chunkRows(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("chunkRows must be 1 or more, not " + rows);
            }
            this.chunkRows = rows;
            return this;
        }

        /** Where to write the progress line (tables done/total, rows, MB, rows/s, ETA), and how often. */
        public Builder progress(Duration every, Consumer<String> line) {
            this.progressEvery = Objects.requireNonNull(every, "every");
            this.progressLine = Objects.requireNonNull(line, "line");
            return this;
        }

        /**
         * Called on a copy thread after each committed chunk with the table and the chunk's number (from 1); an
         * exception from it fails that table's copy as a crash would (for tests of resuming).
         */
        public Builder afterChunk(BiConsumer<String, Long> callback) {
            this.afterChunk = Objects.requireNonNull(callback, "callback");
            return this;
        }

        /**
         * Whether a table that is empty when its copy starts is written by the target database's bulk path (default
         * true): PostgreSQL {@code COPY FROM STDIN}; MySQL/MariaDB {@code LOAD DATA LOCAL INFILE}, for which the
         * copy's writer connections are opened with {@code allowLoadLocalInfile=true} and the server must have
         * {@code local_infile} ON. False: every chunk is written with upserts, as the lanes write.
         */
        public Builder bulkLoad(boolean bulkLoad) {
            this.bulkLoad = bulkLoad;
            return this;
        }

        /** Whether to compare both sides after the copy (default true). */
        public Builder verify(boolean verify) {
            this.verify = verify;
            return this;
        }

        /** The initial sync, with both databases' dialects resolved. */
        public InitialSync build() {
            if (!both && from == null) {
                throw new IllegalStateException("say which side to copy from (from(\"" + config.sideA().name()
                        + "\") or from(\"" + config.sideB().name() + "\")), or both()");
            }
            if (!both && !from.equals(config.sideA().name()) && !from.equals(config.sideB().name())) {
                throw new IllegalArgumentException("no side named '" + from + "': the sides are "
                        + config.sideA().name() + " and " + config.sideB().name());
            }
            Dialect a = dialect(config.sideA());
            Dialect b = dialect(config.sideB());
            List<CopyDirection> directions = new ArrayList<>();
            if (both || from.equals(config.sideA().name())) {
                directions.add(direction(config.sideA(), config.sideB(), a, b));
            }
            if (both || from.equals(config.sideB().name())) {
                directions.add(direction(config.sideB(), config.sideA(), b, a));
            }
            return new InitialSync(this, directions);
        }

        /** Builds and runs it (see {@link InitialSync#run}). */
        public InitReport run() throws InterruptedException {
            return build().run();
        }

        private CopyDirection direction(SideConfig source, SideConfig target, Dialect sourceDialect,
                Dialect targetDialect) {
            return new CopyDirection(LaneAssembly.laneName(source, target), source, target, sourceDialect,
                    targetDialect, config.tableMapper(), both);
        }

        private Dialect dialect(SideConfig side) {
            try (Connection c = TargetConnections.open(side.database())) {
                Dialect dialect = new DialectResolver().resolve(side.database().jdbcUrl(), c);
                List<TableId> tables = side.tables().stream().map(t -> new TableId(side.namespace(), t)).toList();
                dialect.catalog().checkKeyEquality(c, tables).forEach(note -> LOG.warn("[{}] {}: {}", config.name(),
                        side.name(), note));
                return dialect;
            } catch (SQLException e) {
                throw new BisyncException("cannot reach side '" + side.name() + "' database " + side.database()
                        + ": " + e.getMessage() + ". Check its JDBC URL, user and password", e);
            }
        }
    }
}
