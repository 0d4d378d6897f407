package dev.bisync.spi.dialect;

import dev.bisync.api.TableId;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A {@link Dialect}'s reading of the database's catalog: a table's columns and key, which keys compare inexactly, and
 * how many rows a table holds. Called on the caller's thread with a connection of the database; an
 * {@link SQLException} fails what asked (the lane's start or its metadata refresh, a table's copy).
 */
public interface Catalog {

    /**
     * Reads a table's columns and primary key. Called when a lane or a copy first uses a table, and again after a
     * failure that may be a schema change.
     *
     * @return the table, or null when it does not exist
     */
    TableMetadata describe(Connection connection, TableId table) throws SQLException;

    /**
     * The synced tables' key columns whose equality is not exact — a collation that ignores case, accents or trailing
     * spaces — each as a sentence naming the column and what it ignores. Keys that differ on the other side are one
     * key here: the lanes dead-letter the second row, and an initial copy into this side refuses it (it checks the
     * chunks it upserts into a table named here). Called once per side when a sync or an initial copy starts, and
     * logged as a warning; and by an initial copy once per table it copies into this side, on its copy thread. An
     * exception fails the start, or that table's copy.
     *
     * @return the sentences; empty when every key compares exactly (the default)
     */
    default List<String> checkKeyEquality(Connection connection, List<TableId> tables) throws SQLException {
        return List.of();
    }

    /**
     * The number of rows the database estimates the table holds (from its statistics, not by counting), for the
     * initial copy's progress line and ETA; -1 when unknown (default). Called once per table before a copy.
     */
    default long estimateRows(Connection connection, TableId table) throws SQLException {
        return -1;
    }
}
