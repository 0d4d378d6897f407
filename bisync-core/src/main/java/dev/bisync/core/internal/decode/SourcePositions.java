package dev.bisync.core.internal.decode;

import dev.bisync.api.SourcePosition;

/**
 * Where a change sits in its source's commit order, from its {@code source} and {@code transaction} blocks. The
 * rules follow what the connectors were seen to write (captured from PostgreSQL 18.6 + Debezium 3.6.1 and MariaDB
 * 11.4.5 + Debezium 3.5.0 with {@code provide.transaction.metadata=true}, kept as the test fixtures
 * {@code debezium/deccappg/} and {@code debezium/deccapmaria/}; T1 begins first and commits second):
 *
 * <p><b>PostgreSQL.</b> pgoutput streams whole transactions in commit order; each change's {@code source.lsn} is the
 * LSN of its own WAL record, so T1's first insert ({@code lsn 29675408}) is <em>below</em> T2's
 * ({@code 29675640}) though T1 commits later: the change LSN does not order transactions. {@code source.sequence}
 * is {@code ["<lastCommitLsn>","<lsn>"]}, where lastCommitLsn is the end LSN of the commit of the transaction
 * streamed <em>before</em> this one: equal for every change of a transaction and growing in commit order (T2's
 * changes: 29675360, the commit end of the transaction before; T1's: 29676112, T2's commit end, as T2's END record
 * {@code 782:29676112} on the transaction topic says; the next transaction's: 29676592, T1's commit end). So
 * {@code transactionOrder} = lastCommitLsn and {@code eventOrder} = {@code lsn} (growing within a transaction, also
 * across the rows of one statement). The first transaction a new slot streams has {@code [null,"<lsn>"]}; its own
 * lsn stands in (below the next transaction's lastCommitLsn, which is its commit end). {@code transaction.id} is
 * {@code "<txId>:<lsn>"} and changes from event to event, so it does not identify the transaction.
 *
 * <p><b>MariaDB, MySQL.</b> The binlog holds transactions in commit order; {@code source.pos} is the position where
 * the transaction starts, the same for all its changes (T1's parent insert, both child inserts and the parent
 * update all carry {@code mariadb-bin.000001:7592}), and {@code source.row} is the row's index within its rows
 * event (0, 0, 1, 0 there), so the source block cannot order the changes of one transaction across tables;
 * {@code transaction.total_order} (1, 2, 3, 4) can. So {@code transactionOrder} = the binlog file's number
 * &lt;&lt; 40 | {@code pos}, and {@code eventOrder} = {@code transaction.total_order}, or {@code row} when the
 * connector does not provide transaction metadata (then changes of one transaction to different tables tie: the
 * connectors must be configured with {@code provide.transaction.metadata=true}).
 */
final class SourcePositions {

    private static final int BINLOG_POSITION_BITS = 40;

    private SourcePositions() {
    }

    static SourcePosition of(SourceBlock source, long totalOrder) {
        if (source.connector == null) {
            throw new UndecodableRecordException("no source.connector");
        }
        return switch (source.connector) {
            case "postgresql" -> postgres(source);
            case "mariadb", "mysql" -> binlog(source, totalOrder);
            default -> throw new UndecodableRecordException("unsupported connector '" + source.connector
                    + "' (expected postgresql, mariadb or mysql)");
        };
    }

    private static SourcePosition postgres(SourceBlock s) {
        if (s.lsn < 0) {
            throw new UndecodableRecordException("no source.lsn");
        }
        long lastCommit = lastCommitLsn(s.sequence);
        return new SourcePosition(lastCommit >= 0 ? lastCommit : s.lsn, s.lsn, "lsn " + lsnText(s.lsn));
    }

    private static SourcePosition binlog(SourceBlock s, long totalOrder) {
        if (s.file == null || s.pos < 0) {
            throw new UndecodableRecordException("no source.file or source.pos");
        }
        long order = (binlogNumber(s.file) << BINLOG_POSITION_BITS) | s.pos;
        return new SourcePosition(order, totalOrder >= 0 ? totalOrder : s.row, s.file + ":" + s.pos + " row " + s.row);
    }

    /** PostgreSQL's text form of an LSN: {@code 0/16B3748}. */
    static String lsnText(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }

    /** The first element of {@code ["<n>","<m>"]}, or -1 if it is null or the text has another shape. */
    static long lastCommitLsn(String sequence) {
        if (sequence == null) {
            return -1;
        }
        int i = sequence.indexOf('[');
        if (i < 0 || i + 2 >= sequence.length() || sequence.charAt(i + 1) != '"') {
            return -1;
        }
        long v = 0;
        int digits = 0;
        for (int k = i + 2; k < sequence.length() && sequence.charAt(k) != '"'; k++, digits++) {
            char c = sequence.charAt(k);
            if (c < '0' || c > '9' || digits > 18) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return digits == 0 ? -1 : v;
    }

    /** The number after the last '.' of a binlog file name ({@code mariadb-bin.000001} is 1), or 0. */
    static long binlogNumber(String file) {
        long n = 0;
        for (int k = file.lastIndexOf('.') + 1; k < file.length(); k++) {
            char c = file.charAt(k);
            if (c < '0' || c > '9') {
                return 0;
            }
            n = n * 10 + (c - '0');
        }
        return n & ((1L << (63 - BINLOG_POSITION_BITS)) - 1);
    }
}
