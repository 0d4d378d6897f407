package dev.bisync.core.internal.verify;

import dev.bisync.spi.dialect.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells drift from changes in flight. A suspect key is read again on both sides once the lanes have passed the
 * moment it was last read ({@link LaneProgress}): every change captured before then has been applied. If both
 * sides then hold the same row, it was in flight. If they still differ and neither side's row changed since the
 * last reading, no change was on its way to make them equal: that is drift. If a row changed, a newer change is
 * under way: the key is read again after the lanes have passed this reading, up to {@code rounds} times; a key still
 * changing then is reported as unsettled, neither drift nor equal.
 */
final class InFlightCheck {

    /** Drifted keys, keys still unsettled, and why they are (null when none is). */
    record Outcome(List<Suspect> drift, List<Suspect> unsettled, String reason) {
    }

    private final LaneProgress lanes;
    private final Duration allowance;
    private final Duration timeout;
    private final int rounds;

    InFlightCheck(LaneProgress lanes, Duration allowance, Duration timeout, int rounds) {
        this.lanes = lanes;
        this.allowance = allowance;
        this.timeout = timeout;
        this.rounds = rounds;
    }

    /** Settles the suspects of one table, last read no later than {@code readAtMillis}. */
    Outcome settle(TablePair pair, Connection a, Dialect aDialect, Connection b, Dialect bDialect,
            List<Suspect> suspects, long readAtMillis) throws SQLException, InterruptedException {
        Map<String, Suspect> pending = new LinkedHashMap<>();
        suspects.forEach(s -> pending.putIfAbsent(s.keyText(), s));
        List<Suspect> drift = new ArrayList<>();
        long readAt = readAtMillis;
        for (int round = 0; round < rounds && !pending.isEmpty(); round++) {
            String behind = lanes.awaitPassed(readAt, allowance, timeout);
            if (behind != null) {
                return new Outcome(drift, List.copyOf(pending.values()), behind);
            }
            readAt = System.currentTimeMillis();
            aDialect.copy().beginSnapshotRead(a);
            bDialect.copy().beginSnapshotRead(b);
            try {
                for (Suspect before : List.copyOf(pending.values())) {
                    Object[] aRow = pair.a.row(before.aKey());
                    Object[] bRow = pair.b.row(before.bKey());
                    Suspect now = before.reread(aRow, bRow, pair.hashA(aRow), pair.hashB(bRow));
                    if (now.equal()) {
                        pending.remove(now.keyText());
                    } else if (now.unchangedSince(before)) {
                        pending.remove(now.keyText());
                        drift.add(now);
                    } else {
                        pending.put(now.keyText(), now);
                    }
                }
            } finally {
                a.commit();
                b.commit();
            }
        }
        return new Outcome(drift, List.copyOf(pending.values()), pending.isEmpty() ? null
                : "still changing after " + rounds + " re-reads");
    }
}
