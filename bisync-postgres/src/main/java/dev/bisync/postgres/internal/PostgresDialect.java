package dev.bisync.postgres.internal;

import dev.bisync.spi.dialect.Capture;
import dev.bisync.spi.dialect.Catalog;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.Failures;
import dev.bisync.spi.dialect.InitialCopy;
import dev.bisync.spi.dialect.RowStatements;
import dev.bisync.spi.dialect.StoreSyntax;
import dev.bisync.spi.dialect.ValueCodecs;
import dev.bisync.spi.dialect.WriterSessions;

/**
 * The PostgreSQL dialect (tested with PostgreSQL 15 and 18, Debezium PostgreSQL connector 3.6). Thread-safe. Each
 * concern is a part of its own; the value conversions and their canonical types are described on
 * {@link PostgresValues}. The echo mechanism depends on the server's major version: see {@link PostgresCapture}.
 */
public final class PostgresDialect implements Dialect {

    /** The oldest PostgreSQL bisync supports: logical decoding sends the origin of each transaction from here on. */
    public static final int MINIMUM_MAJOR_VERSION = 15;
    /** The first PostgreSQL whose pgoutput takes the {@code origin} option (drops bisync's writes at capture). */
    public static final int ORIGIN_FILTER_SINCE = 16;

    private final String name;
    private final ReplicationOriginEcho writers;
    private final PostgresCapture capture;

    /**
     * A dialect that reports itself as {@code name}, e.g. {@code PostgreSQL 18.6}, for a server of this major
     * version ({@value #MINIMUM_MAJOR_VERSION} or newer).
     */
    public PostgresDialect(String name, int majorVersion) {
        if (majorVersion < MINIMUM_MAJOR_VERSION) {
            throw new IllegalArgumentException(name + ": bisync needs PostgreSQL " + MINIMUM_MAJOR_VERSION
                    + " or newer");
        }
        boolean filterOrigins = majorVersion >= ORIGIN_FILTER_SINCE;
        this.name = name;
        this.writers = new ReplicationOriginEcho(filterOrigins);
        this.capture = filterOrigins ? PostgresCapture.FILTERING_ORIGINS : PostgresCapture.KEEPING_ORIGINS;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Catalog catalog() {
        return PostgresCatalog.CATALOG;
    }

    @Override
    public RowStatements statements() {
        return PostgresStatements.SQL;
    }

    @Override
    public ValueCodecs values() {
        return PostgresValues.VALUES;
    }

    @Override
    public WriterSessions writers() {
        return writers;
    }

    @Override
    public Capture capture() {
        return capture;
    }

    @Override
    public InitialCopy copy() {
        return PostgresSnapshot.COPY;
    }

    @Override
    public Failures failures() {
        return PostgresFailures.FAILURES;
    }

    @Override
    public StoreSyntax store() {
        return PostgresStatements.SQL;
    }

    @Override
    public String toString() {
        return name;
    }
}
