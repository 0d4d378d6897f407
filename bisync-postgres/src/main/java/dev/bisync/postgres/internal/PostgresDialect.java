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
 * The PostgreSQL dialect (tested with PostgreSQL 18, Debezium PostgreSQL connector 3.6). Thread-safe. Each concern is a part of its own;
 * the value conversions and their canonical types are described on {@link PostgresValues}.
 */
public final class PostgresDialect implements Dialect {

    private final String name;
    private final ReplicationOriginEcho writers = new ReplicationOriginEcho();

    /** A dialect that reports itself as {@code name}, e.g. {@code PostgreSQL 18.6}. */
    public PostgresDialect(String name) {
        this.name = name;
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
        return PostgresCapture.CAPTURE;
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
