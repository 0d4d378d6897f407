package dev.bisync.postgres.internal;

import dev.bisync.spi.dialect.FailureKind;
import dev.bisync.spi.dialect.Failures;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Classifies PostgreSQL errors by SQLState. The first exception in the chain ({@link SQLException#getNextException()}
 * and causes; a {@link java.sql.BatchUpdateException} wraps the real error) that carries a state decides:
 * <ul>
 * <li>TRANSIENT: connection ({@code 08}), serialization failure {@code 40001}, deadlock {@code 40P01}, lock not
 *     available {@code 55P03}, server shutdown or start-up {@code 57P01}-{@code 57P03}, insufficient resources
 *     ({@code 53}), and every state not listed here;</li>
 * <li>FATAL: authentication ({@code 28}), missing privilege {@code 42501}, unknown database {@code 3D000},
 *     unknown schema {@code 3F000}, unknown table {@code 42P01};</li>
 * <li>PERMANENT: integrity constraints ({@code 23}), data exceptions ({@code 22}), unknown column {@code 42703},
 *     datatype mismatch {@code 42804}, cardinality violation {@code 21000} (an upsert of two rows that the key
 *     makes one: {@code ON CONFLICT DO UPDATE command cannot affect row a second time}, e.g. under {@code citext}).</li>
 * </ul>
 */
final class PostgresFailures implements Failures {

    static final PostgresFailures FAILURES = new PostgresFailures();

    private PostgresFailures() {
    }

    @Override
    public FailureKind classify(SQLException error) {
        String state = firstState(error);
        if (state == null) {
            return FailureKind.TRANSIENT;
        }
        return switch (state) {
            case "40001", "40P01", "55P03", "57P01", "57P02", "57P03" -> FailureKind.TRANSIENT;
            case "42501", "3D000", "3F000", "42P01" -> FailureKind.FATAL;
            case "42703", "42804", "21000" -> FailureKind.PERMANENT;
            default -> switch (state.substring(0, 2)) {
                case "08", "53" -> FailureKind.TRANSIENT;
                case "28" -> FailureKind.FATAL;
                case "22", "23" -> FailureKind.PERMANENT;
                default -> FailureKind.TRANSIENT;
            };
        };
    }

    @Override
    public boolean isMissingReference(SQLException error) {
        return "23503".equals(firstState(error));
    }

    private static String firstState(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = error;
        while (t != null && seen.add(t)) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && state.length() == 5) {
                    return state;
                }
                t = sql.getNextException() != null ? sql.getNextException() : sql.getCause();
            } else {
                t = t.getCause();
            }
        }
        return null;
    }
}
