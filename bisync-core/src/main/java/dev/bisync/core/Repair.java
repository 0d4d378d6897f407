package dev.bisync.core;

import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.internal.admin.DriftRepair;
import dev.bisync.core.internal.admin.ResolutionSides;
import dev.bisync.core.report.DriftedRow;
import dev.bisync.core.report.RepairedRow;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * Repairs the rows an {@link OnlineVerify} found drifted: writes the chosen side's row (or its absence) to the other
 * side — {@code take} is a side's name, or {@code rule} for the table's conflict strategy, side A's row taken as a
 * change from side A against side B's — through a writer session carrying bisync's echo mark (as a lane writes, so
 * the other lane does not carry it back), in foreign-key order, and records each row in the written side's
 * {@code bisync_conflicts} as a resolved conflict ({@code lane} {@code repair}, resolution {@code repair: take-…}),
 * as {@link ConflictAdmin} records a manual resolution. The lanes may run meanwhile.
 *
 * <pre>{@code
 * VerifyReport found = OnlineVerify.builder(config).run();
 * try (Repair repair = Repair.open(config)) {
 *     repair.repair(found.drift(), "mariadb", false).forEach(System.out::println);
 * }
 * }</pre>
 * Not thread-safe.
 */
public final class Repair implements AutoCloseable {

    private final ResolutionSides sides;

    private Repair(ResolutionSides sides) {
        this.sides = sides;
    }

    /**
     * Connects to both sides' databases (as bisync's writer, with its echo mark).
     *
     * @throws SQLException when a database cannot be reached
     */
    public static Repair open(SyncConfig config) throws SQLException {
        return new Repair(ResolutionSides.open(Objects.requireNonNull(config, "config")));
    }

    /**
     * Repairs the rows, or with {@code dryRun} only says what it would write.
     *
     * @param take a side's name, or {@code rule}
     * @return what was (would be) written, row by row, in the order written
     * @throws IllegalArgumentException when {@code take} is neither a side's name nor {@code rule}
     */
    public List<RepairedRow> repair(List<DriftedRow> rows, String take, boolean dryRun) throws SQLException {
        return new DriftRepair(sides).repair(rows, Objects.requireNonNull(take, "take"), dryRun);
    }

    @Override
    public void close() {
        sides.close();
    }
}
