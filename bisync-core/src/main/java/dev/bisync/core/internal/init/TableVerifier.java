package dev.bisync.core.internal.init;

import dev.bisync.core.internal.target.TargetConnections;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares each table of a direction on both sides: row count and {@link RowDigest} checksum of the copied columns,
 * both sides read chunk by chunk in a snapshot of their own (memory bounded). Values are compared as the target
 * holds them: the source's through the table mapper, both read with their dialect's {@code read}.
 */
public final class TableVerifier {

    /**
     * One table's comparison.
     *
     * @param sourceTable     the source table's name
     * @param sourceRows      rows on the source side
     * @param targetRows      rows on the target side
     * @param sourceChecksum  the source rows' checksum
     * @param targetChecksum  the target rows' checksum
     */
    public record Result(String sourceTable, long sourceRows, long targetRows, String sourceChecksum,
            String targetChecksum) {

        /** Whether both sides hold the same rows. */
        public boolean equal() {
            return sourceRows == targetRows && sourceChecksum.equals(targetChecksum);
        }
    }

    private final CopyDirection direction;
    private final int chunkRows;

    public TableVerifier(CopyDirection direction, int chunkRows) {
        this.direction = direction;
        this.chunkRows = chunkRows;
    }

    /** The comparison of every table of the direction, in configuration order. */
    public List<Result> verify() throws SQLException {
        List<Result> results = new ArrayList<>();
        try (Connection source = TargetConnections.open(direction.source().database());
             Connection target = TargetConnections.open(direction.target().database())) {
            for (String table : direction.source().tables()) {
                direction.sourceDialect().copy().beginSnapshotRead(source);
                direction.targetDialect().copy().beginSnapshotRead(target);
                TableShape shape = TableShape.read(direction, table, source, target);
                RowDigest sourceDigest = new RowDigest();
                RowDigest targetDigest = new RowDigest();
                List<String> names = shape.targetNames();
                try (ChunkReader reader = new ChunkReader(source, direction.sourceDialect(), shape.source(),
                        chunkRows)) {
                    for (List<Object[]> chunk = reader.next(); !chunk.isEmpty(); chunk = reader.next()) {
                        chunk.forEach(row -> sourceDigest.add(names, shape.targetValues(direction.mapper(), row)));
                    }
                }
                int[] positions = shape.targetColumns().stream()
                        .mapToInt(c -> shape.target().columns().indexOf(c)).toArray();
                try (ChunkReader reader = new ChunkReader(target, direction.targetDialect(), shape.target(),
                        chunkRows)) {
                    for (List<Object[]> chunk = reader.next(); !chunk.isEmpty(); chunk = reader.next()) {
                        for (Object[] row : chunk) {
                            Object[] values = new Object[positions.length];
                            for (int i = 0; i < positions.length; i++) {
                                values[i] = row[positions[i]];
                            }
                            targetDigest.add(names, values);
                        }
                    }
                }
                source.commit();
                target.commit();
                results.add(new Result(table, sourceDigest.rows(), targetDigest.rows(), sourceDigest.checksum(),
                        targetDigest.checksum()));
            }
        }
        return results;
    }
}
