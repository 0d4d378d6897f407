package dev.bisync.core.internal.init;

import dev.bisync.api.BisyncException;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.deadletter.DeadLetterPublisher;
import dev.bisync.core.internal.target.TargetConnections;
import dev.bisync.core.internal.target.TargetSession;
import dev.bisync.spi.EchoIdentity;
import dev.bisync.spi.dialect.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * One direction of an initial copy: the tables the progress table does not record as {@code DONE}, each copied by a
 * {@link TableCopy} on a pool of {@code parallelism} threads (each with its own {@link CopyWorker}), a table
 * starting only when every table it refers to by foreign key (in the target's metadata) is done. A table that fails
 * for a transient reason (deadlock, serialization failure, lost connection) is tried again at once, up to
 * {@value #MAX_ATTEMPTS} times. The first other failure stops the scheduling; the tables being copied finish, and the
 * run fails naming the table. Run again, it resumes: done tables are kept, and a table that was being copied
 * continues after its last committed key in a new snapshot (a new segment, {@link ResumePoint}), or from its first
 * row when its keys are of a type whose order Java cannot reproduce (the hand-over to the lanes must place each
 * change's key in the segment whose snapshot copied it). A retry after a transient failure resumes the same way.
 */
public final class CopyRun {

    private static final Logger LOG = LoggerFactory.getLogger(CopyRun.class);
    /** Tries of one table when it fails for a transient reason (deadlock, serialization, connection). */
    private static final int MAX_ATTEMPTS = 4;

    private final CopyDirection direction;
    private final EchoIdentity echo;
    private final int parallelism;
    private final TableCopy copy;
    private final InitProgressStore store;
    private final CopyProgress progress;
    private final String logPrefix;
    private final boolean bulkLoad;
    private final Supplier<DeadLetterPublisher> deadLetters;

    /**
     * A copy of one direction.
     *
     * @param bulkLoad    whether tables empty when their copy starts are written by the target's bulk path
     * @param deadLetters opens a producer to the dead-letter topic of the direction's lane (once per copy thread,
     *                    when it meets the first row the target refuses)
     */
    public CopyRun(String syncName, CopyDirection direction, EchoIdentity echo, int parallelism, int chunkRows,
            boolean bulkLoad, CopyProgress progress, BiConsumer<String, Long> afterChunk,
            Supplier<DeadLetterPublisher> deadLetters) {
        this.direction = direction;
        this.echo = echo;
        this.parallelism = parallelism;
        this.progress = progress;
        this.store = new InitProgressStore(direction.targetDialect(), direction.target().namespace());
        this.logPrefix = "[" + syncName + "/init " + direction.run() + "]";
        this.bulkLoad = bulkLoad;
        this.deadLetters = deadLetters;
        this.copy = new TableCopy(direction, store, progress, chunkRows, bulkLoad, afterChunk, logPrefix);
    }

    /**
     * Copies every table not yet done.
     *
     * @return the number of tables copied by this call (the others were done before)
     * @throws BisyncException when a table's copy failed; what was copied is kept for the next run
     */
    public int run() throws SQLException, InterruptedException {
        List<String> tables = direction.source().tables();
        Map<String, Set<String>> references;
        Set<String> done = new HashSet<>();
        try (TargetSession setup = session()) {
            Connection c = setup.connection();
            store.createTable(c);
            store.load(c, direction.run()).forEach((table, entry) -> {
                if (entry.done() && tables.contains(table)) {
                    done.add(table);
                }
            });
            references = references(c, tables);
            estimate(tables, done);
            store.prepare(c, direction.run(), tables.stream().filter(t -> !done.contains(t)).toList());
            setup.commit();
        }
        progress.addTables(tables.size());
        done.forEach(t -> progress.tableDone());
        LOG.info("{} {} tables, {} done before, parallelism {}", logPrefix, tables.size(), done.size(), parallelism);
        return copy(tables, references, done);
    }

    private int copy(List<String> tables, Map<String, Set<String>> references, Set<String> done)
            throws InterruptedException {
        Set<String> pending = new LinkedHashSet<>(tables);
        pending.removeAll(done);
        BlockingQueue<CopyWorker> workers = new ArrayBlockingQueue<>(parallelism);
        for (int i = 0; i < parallelism; i++) {
            workers.add(new CopyWorker(direction, new TargetSession(direction.target(),
                    direction.targetDialect(), echo, logPrefix, bulkLoad), new InitDeadLetters(deadLetters)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "bisync-init-" + direction.run());
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<String> completion = new ExecutorCompletionService<>(pool);
        int running = 0;
        int copied = 0;
        BisyncException failure = null;
        try {
            while (!pending.isEmpty() || running > 0) {
                if (failure == null) {
                    for (String table : List.copyOf(pending)) {
                        if (running < parallelism && done.containsAll(references.getOrDefault(table, Set.of()))) {
                            pending.remove(table);
                            completion.submit(() -> copyWithWorker(table, workers));
                            running++;
                        }
                    }
                    if (running == 0 && !pending.isEmpty()) {
                        String table = pending.iterator().next();
                        LOG.warn("{} foreign keys form a cycle among {}; copying {} first", logPrefix, pending, table);
                        pending.remove(table);
                        completion.submit(() -> copyWithWorker(table, workers));
                        running++;
                    }
                }
                if (running == 0) {
                    break;
                }
                try {
                    done.add(completion.take().get());
                    copied++;
                    progress.tableDone();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = (BisyncException) e.getCause();
                    } else {
                        failure.addSuppressed(e.getCause());
                    }
                } finally {
                    running--;
                }
            }
        } finally {
            pool.shutdownNow();
            workers.forEach(CopyWorker::close);
        }
        if (failure != null) {
            throw new BisyncException(failure.getMessage() + "; " + done.size() + " of " + tables.size()
                    + " tables are copied and kept: run the initial sync again to resume", failure);
        }
        return copied;
    }

    private String copyWithWorker(String table, BlockingQueue<CopyWorker> workers) throws InterruptedException {
        CopyWorker worker = workers.take();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    long t0 = System.nanoTime();
                    long rows = copy.copy(table, worker);
                    LOG.debug("{} {}: {} rows written in {} ms", logPrefix, table, rows,
                            (System.nanoTime() - t0) / 1_000_000);
                    return table;
                } catch (SQLException | RuntimeException e) {
                    worker.reset();
                    if (attempt < MAX_ATTEMPTS && e instanceof SQLException sql && transient_(sql)) {
                        LOG.warn("{} copy of {} failed (attempt {} of {}), copying it again: {}", logPrefix, table,
                                attempt, MAX_ATTEMPTS, message(e));
                        Thread.sleep(100L << attempt);
                        continue;
                    }
                    throw new BisyncException("initial copy of " + direction.sourceTable(table) + " to side "
                            + direction.target().name() + " failed: " + message(e), e);
                }
            }
        } finally {
            workers.add(worker);
        }
    }

    /** A deadlock, serialization failure, lost connection: either side's dialect says it may pass by itself. */
    private boolean transient_(SQLException e) {
        return direction.targetDialect().failures().classify(e) == FailureKind.TRANSIENT
                || direction.sourceDialect().failures().classify(e) == FailureKind.TRANSIENT;
    }

    private TargetSession session() {
        return new TargetSession(direction.target(), direction.targetDialect(), echo, logPrefix);
    }

    /** For each table, the other tables of the copy it refers to by foreign key on the target. */
    private Map<String, Set<String>> references(Connection target, List<String> tables) throws SQLException {
        Map<String, String> byTargetName = new HashMap<>();
        tables.forEach(t -> byTargetName.put(direction.targetTable(t).name(), t));
        Map<String, Set<String>> references = new HashMap<>();
        DatabaseMetaData md = target.getMetaData();
        // the namespace is a schema on PostgreSQL and a catalog on MySQL/MariaDB; asking the other way round makes
        // the driver search every schema (catalog) of the server: on MariaDB, 58 s for 200 tables in a benchmark
        boolean asSchema = md.supportsSchemasInTableDefinitions();
        for (String table : tables) {
            TableId id = direction.targetTable(table);
            Set<String> parents = new HashSet<>();
            try (ResultSet rs = asSchema ? md.getImportedKeys(null, id.namespace(), id.name())
                    : md.getImportedKeys(id.namespace(), null, id.name())) {
                while (rs.next()) {
                    String parent = byTargetName.get(rs.getString("PKTABLE_NAME"));
                    if (parent != null && !parent.equals(table)) {
                        parents.add(parent);
                    }
                }
            }
            references.put(table, parents);
        }
        return references;
    }

    private void estimate(List<String> tables, Set<String> done) throws SQLException {
        try (Connection source = TargetConnections.open(direction.source().database())) {
            for (String table : tables) {
                if (!done.contains(table)) {
                    progress.estimate(direction.sourceDialect().catalog().estimateRows(source, direction.sourceTable(table)));
                }
            }
        }
    }

    /** The direction copied. */
    public CopyDirection direction() {
        return direction;
    }


    /** The error's message; for a failed JDBC batch, the database's reason rather than the whole batch's text. */
    private static String message(Exception e) {
        if (e instanceof SQLException sql && sql.getNextException() != null) {
            return sql.getNextException().getMessage();
        }
        return e.getMessage();
    }
}
