package dev.bisync.core.internal.verify;

import dev.bisync.spi.dialect.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * One pass over a table on both sides, in key-range chunks: side A's next {@code chunkRows} rows in key order
 * (keyset paging), then side B's rows in the same key range (after the chunk before's last key, up to this chunk's
 * last key; the last chunk unbounded above), each pair of reads in a short snapshot of its own. The two chunks'
 * canonical checksums ({@code RowDigest}: count and sum of row hashes) are compared; a differing pair is narrowed to
 * the keys whose rows differ. A key present in one side's range only is looked up by key on the other side before
 * it is suspected, since the two databases may order text keys differently (collations). Memory holds one chunk.
 */
final class TableScan {

    /** What one pass found: rows read per side, chunks, chunks whose checksums differed, and the suspects. */
    record Result(long rowsA, long rowsB, long chunks, long chunksDiffering, List<Suspect> suspects) {
    }

    private final TablePair pair;
    private final Connection aConnection;
    private final Connection bConnection;
    private final Dialect aDialect;
    private final Dialect bDialect;
    private final int chunkRows;

    TableScan(TablePair pair, Connection aConnection, Dialect aDialect, Connection bConnection, Dialect bDialect,
            int chunkRows) {
        this.pair = pair;
        this.aConnection = aConnection;
        this.bConnection = bConnection;
        this.aDialect = aDialect;
        this.bDialect = bDialect;
        this.chunkRows = chunkRows;
    }

    /** Runs the pass; {@code rowsRead} hears of side A's rows after each chunk. */
    Result run(LongConsumer rowsRead) throws SQLException {
        long rowsA = 0;
        long rowsB = 0;
        long chunks = 0;
        long differing = 0;
        List<Suspect> suspects = new ArrayList<>();
        Object[] after = null;
        boolean last = false;
        while (!last) {
            aDialect.copy().beginSnapshotRead(aConnection);
            bDialect.copy().beginSnapshotRead(bConnection);
            try {
                List<Object[]> aRows = pair.a.next();
                last = aRows.size() < chunkRows;
                Object[] upTo = last ? null : pair.bKeyOf(aRows.get(aRows.size() - 1));
                List<Object[]> bRows = pair.b.range(after, upTo);
                after = upTo;
                chunks++;
                rowsA += aRows.size();
                rowsB += bRows.size();
                if (!sameChecksum(aRows, bRows)) {
                    differing++;
                    suspects.addAll(narrow(aRows, bRows));
                }
                rowsRead.accept(aRows.size());
            } finally {
                aConnection.commit();
                bConnection.commit();
            }
        }
        return new Result(rowsA, rowsB, chunks, differing, suspects);
    }

    private boolean sameChecksum(List<Object[]> aRows, List<Object[]> bRows) {
        if (aRows.size() != bRows.size()) {
            return false;
        }
        long a = 0;
        long b = 0;
        for (Object[] row : aRows) {
            a += pair.hashA(row);
        }
        for (Object[] row : bRows) {
            b += pair.hashB(row);
        }
        return a == b;
    }

    /** The keys of a differing chunk pair whose rows differ (in this snapshot). */
    private List<Suspect> narrow(List<Object[]> aRows, List<Object[]> bRows) throws SQLException {
        Map<String, Object[]> bByKey = new LinkedHashMap<>();
        for (Object[] row : bRows) {
            bByKey.put(pair.keyTextB(row), row);
        }
        List<Suspect> found = new ArrayList<>();
        for (Object[] aRow : aRows) {
            String key = pair.keyTextA(aRow);
            Object[] bKey = pair.bKeyOf(aRow);
            Object[] bRow = bByKey.containsKey(key) ? bByKey.remove(key) : pair.b.row(bKey);
            Suspect s = new Suspect(key, pair.aKeyOfA(aRow), bKey, aRow, bRow, pair.hashA(aRow), pair.hashB(bRow));
            if (!s.equal()) {
                found.add(s);
            }
        }
        for (Map.Entry<String, Object[]> e : bByKey.entrySet()) { // side B's rows with no row of A's range
            Object[] bRow = e.getValue();
            Object[] aKey = pair.aKeyOfB(bRow);
            Object[] aRow = pair.a.row(aKey);
            Suspect s = new Suspect(e.getKey(), aKey, pair.shape.keyValues(pair.comparableB(bRow)), aRow, bRow,
                    pair.hashA(aRow), pair.hashB(bRow));
            if (!s.equal()) {
                found.add(s);
            }
        }
        return found;
    }
}
