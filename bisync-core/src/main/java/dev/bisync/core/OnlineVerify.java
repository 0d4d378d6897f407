package dev.bisync.core;

import dev.bisync.api.BisyncException;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.internal.verify.VerifyRun;
import dev.bisync.core.report.VerifyReport;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Compares both sides of a sync while its lanes run: each table in key-range chunks of side A's key order, both
 * sides reduced to the initial copy's canonical form (the same value reads the same from PostgreSQL and
 * MySQL/MariaDB) and compared by checksum; a differing chunk is narrowed to its keys, and each such key is read again
 * once the lanes have applied every change captured before it was read — a key whose rows then agree was a change in
 * flight; one whose rows still differ and did not move is drift ({@link VerifyReport#drift()}). Read-only: it writes
 * nothing (see {@link Repair}).
 *
 * <pre>{@code
 * VerifyReport report = OnlineVerify.builder(config).tables(List.of("orders")).run();
 * report.drift().forEach(System.out::println);
 * }</pre>
 * The lanes may run in this process or another; the verify judges their progress from Kafka and the offsets they
 * store in the target databases. See docs/verify.md.
 */
public final class OnlineVerify {

    private final SyncConfig config;
    private final VerifyRun.Settings settings;
    private final VerifyRun.VerifyListener listener;

    private OnlineVerify(Builder b) {
        this.config = b.config;
        this.settings = new VerifyRun.Settings(b.tables, b.chunkRows, b.captureAllowance, b.settleTimeout, b.rounds,
                b.progressEvery);
        Consumer<String> progress = b.progress;
        this.listener = new VerifyRun.VerifyListener() {
            @Override
            public void progress(String line) {
                progress.accept(line);
            }
        };
    }

    /**
     * A verify of {@code config}'s sync: every table, the chunk size and capture allowance of its
     * {@code verifySchedule} (default 5,000 rows, 2 s), a 60 s wait at most for the lanes, 5 re-reads.
     */
    public static Builder builder(SyncConfig config) {
        return new Builder(Objects.requireNonNull(config, "config"));
    }

    /**
     * Compares the tables.
     *
     * @throws IllegalArgumentException when a table asked for is not synced
     * @throws BisyncException          when a database cannot be read (the message says which)
     */
    public VerifyReport run() {
        try {
            return new VerifyRun(config, settings, listener).run();
        } catch (SQLException e) {
            throw new BisyncException("[" + config.name() + "] verify failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BisyncException("[" + config.name() + "] verify interrupted", e);
        }
    }

    /** Settings of a verify. */
    public static final class Builder {
        private final SyncConfig config;
        private List<String> tables = List.of();
        private int chunkRows;
        private Duration captureAllowance;
        private Duration settleTimeout = Duration.ofSeconds(60);
        private int rounds = 5;
        private Duration progressEvery = Duration.ZERO;
        private Consumer<String> progress = line -> { };

        private Builder(SyncConfig config) {
            this.config = config;
            this.chunkRows = config.verifySchedule().chunkRows(); // the configured values, or their defaults
            this.captureAllowance = config.verifySchedule().captureAllowance();
        }

        /** Side A's tables to compare (empty, the default: all synced tables). */
        public Builder tables(List<String> tables) {
            this.tables = List.copyOf(tables);
            return this;
        }

        /** Side A's rows per chunk (at least 1). */
        public Builder chunkRows(int chunkRows) {
            if (chunkRows < 1) {
                throw new IllegalArgumentException("chunkRows must be at least 1, not " + chunkRows);
            }
            this.chunkRows = chunkRows;
            return this;
        }

        /**
         * How long a change committed in a database may take to reach Kafka (the connectors' capture delay): a key
         * is read again once the lanes have applied what Kafka held this long after it was read.
         */
        public Builder captureAllowance(Duration allowance) {
            this.captureAllowance = Objects.requireNonNull(allowance);
            return this;
        }

        /** How long to wait for the lanes to apply what they have to (then the keys are reported unsettled). */
        public Builder settleTimeout(Duration timeout) {
            this.settleTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** How many times a key whose rows keep changing is read again before it is reported unsettled. */
        public Builder rounds(int rounds) {
            this.rounds = Math.max(1, rounds);
            return this;
        }

        /** A progress line every {@code every} (rows, rate, ETA). */
        public Builder progress(Duration every, Consumer<String> lines) {
            this.progressEvery = Objects.requireNonNull(every);
            this.progress = Objects.requireNonNull(lines);
            return this;
        }

        /** Runs the verify. */
        public VerifyReport run() {
            return new OnlineVerify(this).run();
        }
    }
}
