package dev.bisync.core.internal.decode;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.Operation;
import dev.bisync.api.RowImage;
import dev.bisync.api.SourceMetadata;
import dev.bisync.api.TableId;

import java.time.Instant;

/** Assembles a {@link ChangeEvent} from a change event's payload and its decoded key. */
final class ChangeEvents {

    private ChangeEvents() {
    }

    static ChangeEvent of(Payload payload, RowImage key) {
        Operation operation;
        try {
            operation = Operation.fromCode(payload.op);
        } catch (IllegalArgumentException e) {
            throw new UndecodableRecordException(e.getMessage());
        }
        SourceBlock s = payload.source;
        boolean postgres = "postgresql".equals(s.connector);
        String namespace = postgres ? s.schema : s.db;
        if (namespace == null || namespace.isEmpty() || s.table == null || s.table.isEmpty()) {
            throw new UndecodableRecordException("no source table (source." + (postgres ? "schema" : "db") + "="
                    + namespace + ", source.table=" + s.table + ")");
        }
        try {
            return new ChangeEvent(operation, TableId.of(namespace, s.table),
                    operation == Operation.TRUNCATE ? RowImage.empty() : key,
                    payload.before == null ? null : RowImage.wrap(payload.before),
                    payload.after == null ? null : RowImage.wrap(payload.after),
                    SourcePositions.of(s, payload.totalOrder), commitTime(payload), transactionId(payload, postgres),
                    new SourceMetadata(s.connector, s.origin, s.serverId, s.gtid));
        } catch (IllegalArgumentException e) {
            throw new UndecodableRecordException(e.getMessage(), e);
        }
    }

    /** {@code source.ts_us}, else {@code source.ts_ms}, else the envelope's {@code ts_ms}. */
    private static Instant commitTime(Payload payload) {
        SourceBlock s = payload.source;
        if (s.tsUs != Long.MIN_VALUE) {
            return Instant.ofEpochSecond(Math.floorDiv(s.tsUs, 1_000_000L), Math.floorMod(s.tsUs, 1_000_000L) * 1_000L);
        }
        if (s.tsMs != Long.MIN_VALUE) {
            return Instant.ofEpochMilli(s.tsMs);
        }
        if (payload.tsMs != Long.MIN_VALUE) {
            return Instant.ofEpochMilli(payload.tsMs);
        }
        throw new UndecodableRecordException("no source.ts_us, source.ts_ms or ts_ms");
    }

    /**
     * PostgreSQL: {@code source.txId} (the connector's {@code transaction.id} is {@code "<txId>:<lsn>"} and differs
     * between the changes of one transaction); MariaDB/MySQL: {@code source.gtid}, else {@code transaction.id},
     * else {@code file:pos} of the transaction.
     */
    private static String transactionId(Payload payload, boolean postgres) {
        SourceBlock s = payload.source;
        if (postgres) {
            return s.txId >= 0 ? Long.toString(s.txId) : payload.transactionId;
        }
        if (s.gtid != null) {
            return s.gtid;
        }
        if (payload.transactionId != null) {
            return payload.transactionId;
        }
        return s.file == null ? null : s.file + ":" + s.pos;
    }
}
