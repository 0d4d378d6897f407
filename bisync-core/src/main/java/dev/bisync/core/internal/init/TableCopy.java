package dev.bisync.core.internal.init;

import dev.bisync.api.RejectedValueException;
import dev.bisync.api.TableId;
import dev.bisync.core.report.RejectedRow;
import dev.bisync.core.internal.target.TargetSession;
import dev.bisync.spi.dialect.BulkLoader;
import dev.bisync.spi.dialect.ColumnBinder;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Copies one table: begins the dialect's snapshot read on the worker's source connection and records its mark in
 * {@code bisync_init_progress} (status {@code COPYING}), then reads the table chunk by chunk in key order
 * ({@link ChunkReader}) and writes each chunk through the target writer session (bisync's echo mark, so the target's
 * capture leaves the copy out), in one transaction with the chunk's progress row; {@code DONE} at the end. A table
 * an earlier attempt left unfinished is read on from after its last committed key ({@link ResumePoint}).
 *
 * <p>A chunk is written by the target's bulk path ({@link dev.bisync.spi.dialect.InitialCopy#bulkLoader}: {@code COPY}, {@code LOAD DATA}) when
 * the dialect offers one and the target table was empty when its copy started (so a resumed table, which holds the
 * rows copied before, is upserted); else, and for the rest of the table once a bulk write fails (a duplicate key:
 * the table was written meanwhile), with the dialect's upsert and {@link dev.bisync.spi.dialect.ValueCodecs#binder binders} (made once per
 * table) as one JDBC batch, the failed chunk rolled back and written again. Both paths convert values alike (the
 * lanes' conversions). A row the target refuses — a value its column cannot hold, or the database's own refusal
 * (a constraint) — is left out and reported with its key, column, value and reason ({@link RowWriter}); the rest of
 * the table is copied, as a lane dead-letters one event and goes on; it is recorded in the chunk's transaction
 * ({@link InitProgressStore#reject}). In fill-only mode (both-ways fill) the chunk's keys are looked up on the target
 * first and only missing rows are upserted.
 */
final class TableCopy {

    private static final Logger LOG = LoggerFactory.getLogger(TableCopy.class);

    private final CopyDirection direction;
    private final InitProgressStore store;
    private final CopyProgress progress;
    private final int chunkRows;
    private final boolean bulkLoad;
    private final BiConsumer<String, Long> afterChunk;
    private final String logPrefix;
    private final AtomicBoolean noBulkPathLogged = new AtomicBoolean();

    TableCopy(CopyDirection direction, InitProgressStore store, CopyProgress progress, int chunkRows,
            boolean bulkLoad, BiConsumer<String, Long> afterChunk, String logPrefix) {
        this.direction = direction;
        this.store = store;
        this.progress = progress;
        this.chunkRows = chunkRows;
        this.bulkLoad = bulkLoad;
        this.afterChunk = afterChunk;
        this.logPrefix = logPrefix;
    }

    /** Copies the table; returns the rows written. */
    long copy(String table, CopyWorker worker) throws SQLException, InterruptedException {
        TargetSession writer = worker.writer();
        Connection target = writer.connection();
        Connection source = worker.source();
        try {
            String mark = direction.sourceDialect().copy().beginSnapshotRead(source);
            TableShape shape = TableShape.read(direction, table, source, target);
            ResumePoint from = ResumePoint.of(store.load(target, direction.run(), table), direction.sourceDialect(),
                    shape.source(), logPrefix + " " + table + ":");
            store.start(target, direction.run(), table, mark, from);
            writer.commit();
            if (from.resumed()) {
                progress.resumed(direction.run(), table, from.rows(), from.segments().closed().size() + 1);
            }
            boolean keepKeys = from.exactKeys();
            long chunks = from.chunks();
            long rows = from.rows();
            long written = 0;
            long bytes = from.bytes();
            PreparedStatement upsert = writer.statements().get(direction.targetDialect().statements().upsertSql(shape.target(),
                    shape.targetColumns()));
            ColumnBinder[] binders = shape.targetColumns().stream()
                    .map(c -> direction.targetDialect().values().binder(shape.target().id(), c)).toArray(ColumnBinder[]::new);
            RowWriter rowWriter = new RowWriter(direction, table, binders, logPrefix);
            KeyCollisions collisions = KeyCollisions.of(direction.targetDialect(), target, shape);
            BulkLoader bulk = bulkLoader(target, table, shape); // inserts only: fails on a key met, never merges
            try (ChunkReader reader = new ChunkReader(source, direction.sourceDialect(), shape.source(), chunkRows,
                    from.resumed() ? from.after().toArray() : null)) {
                List<Object[]> chunk;
                do {
                    chunk = reader.next();
                    if (chunk.isEmpty()) {
                        break;
                    }
                    List<Object[]> mapped = new ArrayList<>(chunk.size());
                    long chunkBytes = 0;
                    for (Object[] row : chunk) {
                        Object[] v = shape.targetValues(direction.mapper(), row);
                        mapped.add(v);
                        chunkBytes += bytes(v);
                    }
                    List<Object[]> values = mapped;
                    if (direction.fillOnly()) {
                        values = missing(target, shape, values);
                    }
                    String method = CopyProgress.UPSERT;
                    if (bulk != null && !values.isEmpty()) {
                        try {
                            bulk.load(values);
                            method = bulk.method();
                        } catch (RejectedValueException e) {
                            target.rollback(); // a row the target cannot hold: this chunk row by row, then bulk again
                            LOG.debug("{} {}: a value of the chunk was refused ({}); writing the chunk with upserts",
                                    logPrefix, table, e.getMessage());
                        } catch (SQLException e) {
                            target.rollback();
                            LOG.info("{} {}: {} failed ({}); writing the chunk again and the rest of the table with "
                                    + "upserts", logPrefix, table, bulk.method(), e.getMessage());
                            bulk = null;
                        }
                    }
                    List<RowWriter.Refusal> refusals = method.equals(CopyProgress.UPSERT)
                            ? write(target, upsert, rowWriter, collisions, values, shape) : List.of();
                    List<RejectedRow> refused = refusals.stream().map(RowWriter.Refusal::row).toList();
                    store.reject(target, direction.run(), table, mark, refused);
                    deadLetter(worker.deadLetters(), table, mark, refusals, chunk, mapped, shape);
                    chunks++;
                    rows += chunk.size();
                    written += values.size() - refused.size();
                    bytes += chunkBytes;
                    store.update(target, direction.run(), table, InitProgressStore.COPYING, chunks, rows, bytes,
                            reader.lastKeyText());
                    if (keepKeys) {
                        String key = from.keyJson(shape.source().keyColumns(), reader.lastKey());
                        keepKeys = key != null; // not kept once: a copy that stops starts over from the first row
                        store.keep(target, direction.run(), table, key);
                    }
                    worker.deadLetters().flush();
                    writer.commit();
                    refused.forEach(progress::rejected);
                    progress.chunk(chunk.size(), chunkBytes);
                    progress.written(method, values.size() - refused.size());
                    afterChunk.accept(table, chunks);
                } while (chunk.size() == chunkRows);
            }
            store.update(target, direction.run(), table, InitProgressStore.DONE, chunks, rows, bytes, null);
            writer.commit();
            source.commit();
            return written;
        } catch (SQLException | RuntimeException | InterruptedException e) {
            worker.deadLetters().discard();
            rollback(target);
            throw e;
        }
    }

    /**
     * Writes a chunk's rows with upserts ({@link RowWriter}); for a table whose target compares keys inexactly, then
     * finds the rows that met another row's key ({@link KeyCollisions}), and if any, rolls the chunk back and writes
     * it again without them, until none is found. Returns the rows not written, with why.
     */
    private List<RowWriter.Refusal> write(Connection target, PreparedStatement upsert, RowWriter rowWriter,
            KeyCollisions collisions, List<Object[]> rows, TableShape shape) throws SQLException {
        List<RowWriter.Refusal> refused = rowWriter.write(target, upsert, rows, shape);
        if (collisions == null) {
            return refused;
        }
        List<RowWriter.Refusal> collided = new ArrayList<>();
        while (true) {
            Set<Object[]> out = Collections.newSetFromMap(new IdentityHashMap<>());
            refused.forEach(r -> out.add(r.values()));
            List<Object[]> written = rows.stream().filter(r -> !out.contains(r)).toList();
            Map<Object[], String> met = collisions.find(target, shape, written);
            if (met.isEmpty()) {
                List<RowWriter.Refusal> all = new ArrayList<>(refused);
                all.addAll(collided);
                return all;
            }
            target.rollback();
            for (Object[] row : written) {
                String other = met.get(row);
                if (other != null) {
                    collided.add(rowWriter.refuse(shape, row, collisions.column(),
                            ChunkReader.keyText(shape.keyValues(row)), collisions.reason(other), "KeyCollision"));
                }
            }
            rows = written.stream().filter(r -> !met.containsKey(r)).toList();
            refused = new ArrayList<>(refused);
            refused.addAll(rowWriter.write(target, upsert, rows, shape));
        }
    }

    /** Queues the dead letters of a chunk's refused rows, each with its source key (found by its target values). */
    private void deadLetter(InitDeadLetters letters, String table, String mark, List<RowWriter.Refusal> refusals,
            List<Object[]> chunk, List<Object[]> mapped, TableShape shape) {
        if (refusals.isEmpty()) {
            return;
        }
        List<ColumnMetadata> keyColumns = shape.source().keyColumns();
        String topic = direction.source().topicFor(table);
        for (RowWriter.Refusal refusal : refusals) {
            int i = 0;
            while (mapped.get(i) != refusal.values()) { // the same array: the rows written are the rows mapped
                i++;
            }
            Object[] row = chunk.get(i);
            Object[] key = keyColumns.stream().map(k -> row[shape.source().columns().indexOf(k)]).toArray();
            letters.send(topic, new InitLetter(direction.run(), table, mark, refusal.row().key(), typed(keyColumns,
                    key)), refusal);
        }
    }

    /** A key typed for a dead letter; null when one of its values is of a type a letter does not keep. */
    private static SegmentKey typed(List<ColumnMetadata> keyColumns, Object[] key) {
        try {
            return SegmentKey.anyOf(keyColumns, key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The target's bulk path for this table, when it may be used: turned on, not in fill-only mode, the dialect
     * offers one, and the target table holds no row now (so inserting cannot meet an existing key); else null, the
     * upsert path.
     */
    private BulkLoader bulkLoader(Connection target, String table, TableShape shape) throws SQLException {
        if (!bulkLoad || direction.fillOnly()) {
            return null;
        }
        Dialect dialect = direction.targetDialect();
        Optional<BulkLoader> loader = dialect.copy().bulkLoader(target, shape.target(), shape.targetColumns());
        if (loader.isEmpty()) {
            if (noBulkPathLogged.compareAndSet(false, true)) {
                LOG.info("{} {} offers no bulk path on this connection (for MySQL/MariaDB: the server's local_infile "
                        + "is OFF, or a column type it cannot load); writing with upserts", logPrefix, dialect.name());
            }
            return null;
        }
        TableId id = shape.target().id();
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT 1 FROM "
                + dialect.statements().quote(id.namespace()) + "." + dialect.statements().quote(id.name()) + " LIMIT 1")) {
            if (rs.next()) {
                LOG.debug("{} {}: the target table holds rows; writing with upserts", logPrefix, table);
                return null;
            }
        }
        return loader.get();
    }

    /** The rows whose key the target does not hold exactly (read with the lanes' key query). */
    private List<Object[]> missing(Connection target, TableShape shape, List<Object[]> rows) throws SQLException {
        Set<String> present = new HashSet<>();
        TargetKeys.read(target, direction.targetDialect(), shape, rows).forEach(k -> present.add(TargetKeys.text(k)));
        return rows.stream().filter(r -> !present.contains(shape.keyText(r))).toList();
    }

    /** The size of a row's values: characters of text, bytes of binaries, 8 for anything else. */
    static long bytes(Object[] values) {
        long n = 0;
        for (Object v : values) {
            n += v instanceof String s ? s.length() : v instanceof byte[] b ? b.length : v == null ? 1 : 8;
        }
        return n;
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the writer session is reset by the caller
        }
    }
}
