package dev.bisync.core.report;

/**
 * One table compared on both sides after an initial copy: row counts and checksums of the copied columns (the sum
 * of a 64-bit hash per row of its canonical values in a normal text form, so that equal rows read from PostgreSQL
 * and MySQL/MariaDB give equal checksums, whatever their order).
 *
 * @param direction      the copy direction, named as its lane ({@code mariadb-to-postgres})
 * @param table          the source table's name
 * @param sourceRows     rows on the source side
 * @param targetRows     rows on the target side
 * @param sourceChecksum the source rows' checksum, hex
 * @param targetChecksum the target rows' checksum, hex
 */
public record TableCheck(String direction, String table, long sourceRows, long targetRows, String sourceChecksum,
        String targetChecksum) {

    /** Whether both sides hold the same rows. */
    public boolean equal() {
        return sourceRows == targetRows && sourceChecksum.equals(targetChecksum);
    }

    @Override
    public String toString() {
        return direction + " " + table + ": " + sourceRows + " rows (" + sourceChecksum + ") vs " + targetRows
                + " rows (" + targetChecksum + ")" + (equal() ? "" : " MISMATCH");
    }
}
