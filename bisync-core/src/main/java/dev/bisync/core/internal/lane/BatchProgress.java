package dev.bisync.core.internal.lane;

import java.sql.SQLException;

/**
 * What a batch's transaction records besides its rows, so that the record and the rows commit together: for a
 * lane, the next offsets to consume ({@code bisync_offsets}); for a replay of dead letters, which dead-lettered
 * records it has re-applied.
 */
interface BatchProgress {

    /** Records the batch's progress inside the batch's transaction; every item has its outcome. */
    void store(DecodedBatch batch) throws SQLException;
}
