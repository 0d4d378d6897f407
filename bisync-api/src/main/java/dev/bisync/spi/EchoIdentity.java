package dev.bisync.spi;

import java.util.Objects;

/**
 * How bisync's own writes into a database are marked so that they are not captured, or not applied back, as new
 * changes. Each dialect uses the part it can: PostgreSQL a replication origin per applier connection named
 * {@code <name>_<n>}; MariaDB the session's {@code gtid_domain_id} = {@code numericId}; MySQL its
 * {@code server_id} = {@code numericId}.
 *
 * @param name      a name of letters, digits and underscores, e.g. {@code bisync_shop}
 * @param numericId a number no application session uses as its GTID domain or server id (1 to 4294967295)
 */
public record EchoIdentity(String name, long numericId) {

    public EchoIdentity {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("echo identity name must be lower-case letters, digits and _ "
                    + "(at most 41 characters, starting with a letter): '" + name + "'");
        }
        if (numericId < 1 || numericId > 4294967295L) {
            throw new IllegalArgumentException("echo identity numeric id must be 1..4294967295: " + numericId);
        }
    }
}
