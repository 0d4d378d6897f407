package dev.bisync.core.internal.verify;

/**
 * A key whose rows differed at the last reading: each side's key (in its key order) and row (in its column order;
 * null: the side has no row), with their canonical hashes (0: no row).
 *
 * @param keyText the key's normal text, the same on both sides
 * @param aKey    side A's key values
 * @param bKey    side B's key values
 * @param aRow    side A's row, or null
 * @param bRow    side B's row, or null
 * @param aHash   side A's row's hash
 * @param bHash   side B's row's hash
 */
record Suspect(String keyText, Object[] aKey, Object[] bKey, Object[] aRow, Object[] bRow, long aHash, long bHash) {

    /** The same key read again. */
    Suspect reread(Object[] aRow, Object[] bRow, long aHash, long bHash) {
        return new Suspect(keyText, aKey, bKey, aRow, bRow, aHash, bHash);
    }

    /** Whether both sides hold the same row (or neither holds one). */
    boolean equal() {
        return aHash == bHash && (aRow == null) == (bRow == null);
    }

    /** Whether both sides' rows are what they were at {@code earlier}'s reading. */
    boolean unchangedSince(Suspect earlier) {
        return aHash == earlier.aHash && bHash == earlier.bHash && (aRow == null) == (earlier.aRow == null)
                && (bRow == null) == (earlier.bRow == null);
    }
}
