package dev.bisync.core.internal.init;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.Operation;
import dev.bisync.api.RowImage;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.SourceMetadata;
import dev.bisync.api.SourcePosition;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.decode.Decoded;
import dev.bisync.core.internal.decode.RecordDecoder;
import dev.bisync.core.internal.decode.UndecodableRecordException;
import dev.bisync.core.internal.source.SourceSession;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.TableMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the dead letters of a replay: an initial copy's letter ({@link InitLetter}) becomes the refused row as the
 * source holds it <em>now</em>, read again by its key like a chunk of the copy ({@link ChunkReader}, the dialect's
 * copy readers), as a snapshot read ({@link Operation#READ}) that the lane's stages then map, resolve against the
 * target row and write — so the fixed source value, or the target column widened since, is what decides; any other
 * record goes to the lanes' decoder. A row the source no longer holds is skipped ({@code source-row-gone}: a change
 * that removed it or changed its key is the lane's to carry). The table must be one the side syncs, checked before
 * any SQL. Each row is read in a read-only transaction of its own, in the session the copy reads in
 * ({@link dev.bisync.spi.dialect.InitialCopy#beginSnapshotRead}: UTC). Used by the replay's one thread; the source connection is opened on the
 * first letter and kept.
 */
public final class InitLetterDecoder implements RecordDecoder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InitLetterDecoder.class);

    private final RecordDecoder lanes;
    private final SideConfig source;
    private final SourceSession session;
    private final String logPrefix;
    private final Map<String, ChunkReader> readers = new HashMap<>();
    private long reads;

    public InitLetterDecoder(RecordDecoder lanes, SideConfig source, Dialect dialect, String logPrefix) {
        this.lanes = lanes;
        this.source = source;
        this.session = new SourceSession(source.database(), dialect);
        this.logPrefix = logPrefix;
    }

    @Override
    public Decoded decode(String topic, byte[] key, byte[] value) {
        InitLetter letter = InitLetter.parse(value);
        if (letter == null) {
            return lanes.decode(topic, key, value);
        }
        String what = "the initial copy's refused row " + letter.table() + " key " + letter.keyText();
        if (!source.tables().contains(letter.table())) {
            throw new UndecodableRecordException(what + ": table " + letter.table() + " is not synced by this lane "
                    + "(it syncs " + source.tables() + ")");
        }
        if (letter.key() == null) {
            throw new UndecodableRecordException(what + ": its key holds a value of a type the dead letter could not "
                    + "keep; change the row at the source and the lane carries it");
        }
        try {
            TableMetadata table = table(letter.table());
            List<String> keyNames = table.keyColumns().stream().map(ColumnMetadata::name).toList();
            if (!keyNames.equals(letter.key().columns())) {
                throw new UndecodableRecordException(what + ": the table's key is " + keyNames + " now, the "
                        + "letter's " + letter.key().columns());
            }
            // read in the copy's session (UTC), in a transaction of its own
            Object[] row = session.read(c -> reader(table).row(letter.key().toArray()));
            if (row == null) {
                LOG.info("{} {}: the source holds no such row any more; nothing to copy", logPrefix, what);
                return new Decoded.Skip("source-row-gone");
            }
            return new Decoded.Change(event(table, row));
        } catch (SQLException e) {
            close();
            throw new UndecodableRecordException(what + ": reading it again from side '" + source.name()
                    + "' failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + "); replay again once the "
                    + "database is available", e);
        }
    }

    /** The source table's metadata, described once; it must exist and have a primary key. */
    private TableMetadata table(String name) throws SQLException {
        TableId id = new TableId(source.namespace(), name);
        TableMetadata described = session.describe(id);
        if (described == null || described.primaryKey().isEmpty()) {
            throw new SQLException("table " + id + " does not exist or has no primary key on side " + source.name());
        }
        return described;
    }

    /** The table's one-row reader, prepared once on the session's connection. */
    private ChunkReader reader(TableMetadata table) throws SQLException {
        ChunkReader reader = readers.get(table.id().name());
        if (reader == null) {
            reader = new ChunkReader(session.connection(), session.dialect(), table, 1);
            readers.put(table.id().name(), reader);
        }
        return reader;
    }

    /** The row as a snapshot read of it, after every change the source logged (it is read now). */
    private ChangeEvent event(TableMetadata table, Object[] row) {
        LinkedHashMap<String, Object> after = new LinkedHashMap<>();
        LinkedHashMap<String, Object> key = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
            after.put(table.columns().get(i).name(), row[i]);
        }
        for (ColumnMetadata k : table.keyColumns()) {
            key.put(k.name(), after.get(k.name()));
        }
        return new ChangeEvent(Operation.READ, table.id(), RowImage.wrap(key), null, RowImage.wrap(after),
                new SourcePosition(Long.MAX_VALUE, reads++, "read again by a replay"), Instant.now(), null,
                new SourceMetadata(null, null, 0, null));
    }

    @Override
    public void close() {
        readers.clear();
        session.close();
    }
}
