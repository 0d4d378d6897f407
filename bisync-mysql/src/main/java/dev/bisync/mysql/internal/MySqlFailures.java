package dev.bisync.mysql.internal;

import dev.bisync.spi.dialect.FailureKind;
import dev.bisync.spi.dialect.Failures;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Classifies MySQL/MariaDB errors by vendor code, then by SQLState. The first exception in the chain
 * ({@link SQLException#getNextException()} and causes; a {@link java.sql.BatchUpdateException} wraps the real
 * error) that carries a vendor code decides, else the first with an SQLState (errors raised by the driver):
 * <ul>
 * <li>TRANSIENT: connection ({@code 08}, 2006, 2013), lock wait timeout 1205, deadlock 1213, connection killed 1927,
 *     server shutdown 1053, and every error not listed here;</li>
 * <li>FATAL: access denied 1044, 1045, 1142, 1143, 1227, unknown database 1049, unknown table 1146;</li>
 * <li>PERMANENT: constraint and value errors 1048, 1054, 1062, 1216, 1217, 1264, 1265, 1292, 1364, 1366, 1406,
 *     1451, 1452, 1690, 3140 (invalid JSON), 3819 and 4025 (CHECK constraint).</li>
 * </ul>
 * Without a vendor code, SQLState class {@code 28} is FATAL, {@code 22} and {@code 23} PERMANENT, the rest TRANSIENT.
 */
final class MySqlFailures implements Failures {

    static final MySqlFailures FAILURES = new MySqlFailures();

    private static final Set<Integer> TRANSIENT = Set.of(1205, 1213, 1927, 1053, 2006, 2013);
    private static final Set<Integer> FATAL = Set.of(1044, 1045, 1049, 1142, 1143, 1227, 1146);
    private static final Set<Integer> PERMANENT = Set.of(1048, 1054, 1062, 1216, 1217, 1264, 1265, 1292, 1364, 1366,
            1406, 1451, 1452, 1690, 3140, 3819, 4025);

    private MySqlFailures() {
    }

    @Override
    public FailureKind classify(SQLException error) {
        SQLException decisive = decisive(error);
        if (decisive == null) {
            return FailureKind.TRANSIENT;
        }
        int code = decisive.getErrorCode();
        if (TRANSIENT.contains(code)) {
            return FailureKind.TRANSIENT;
        }
        if (FATAL.contains(code)) {
            return FailureKind.FATAL;
        }
        if (PERMANENT.contains(code)) {
            return FailureKind.PERMANENT;
        }
        String state = decisive.getSQLState();
        String stateClass = code == 0 && state != null && state.length() == 5 ? state.substring(0, 2) : "";
        return switch (stateClass) {
            case "28" -> FailureKind.FATAL;
            case "22", "23" -> FailureKind.PERMANENT;
            default -> FailureKind.TRANSIENT; // connection states (08) and everything unknown
        };
    }

    /** Whether the error is a foreign-key violation (1216/1217/1451/1452). */
    @Override
    public boolean isMissingReference(SQLException error) {
        SQLException decisive = decisive(error);
        return decisive != null && Set.of(1216, 1217, 1451, 1452).contains(decisive.getErrorCode());
    }

    /** The first exception of the chain with a vendor code, else the first with a connection-class state. */
    private static SQLException decisive(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        SQLException withState = null;
        Throwable t = error;
        while (t != null && seen.add(t)) {
            if (t instanceof SQLException sql) {
                if (sql.getErrorCode() != 0) {
                    return sql;
                }
                if (withState == null && sql.getSQLState() != null) {
                    withState = sql;
                }
                t = sql.getNextException() != null ? sql.getNextException() : sql.getCause();
            } else {
                t = t.getCause();
            }
        }
        return withState;
    }
}
