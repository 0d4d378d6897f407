package dev.bisync.mysql.internal;

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
 * The MySQL/MariaDB dialect, in two {@link MySqlVariant variants} that differ in how bisync's writes are marked:
 * MariaDB (10.6+; tested with 10.11 and 11.4 and the Debezium MariaDB connector 3.5) by GTID domain, MySQL 8.3+ by
 * GTID tag (untested here). Stateless and thread-safe. Each concern is a part of its own; the value conversions and their canonical types are described on {@link MySqlValues}.
 */
public final class MySqlFamilyDialect implements Dialect {

    private final String name;
    private final MySqlVariant variant;
    private final MySqlCatalog catalog;
    private final MySqlSessions writers;
    private final MySqlCapture capture;

    /** A dialect that reports itself as {@code name}, e.g. {@code MariaDB 11.4.5}. */
    public MySqlFamilyDialect(String name, MySqlVariant variant) {
        this.name = name;
        this.variant = variant;
        this.catalog = new MySqlCatalog(variant.jsonIsCheckedText());
        this.writers = new MySqlSessions(variant.echoMark());
        this.capture = new MySqlCapture(variant);
    }

    /** The server variant. */
    public MySqlVariant variant() {
        return variant;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public RowStatements statements() {
        return MySqlStatements.SQL;
    }

    @Override
    public ValueCodecs values() {
        return MySqlValues.VALUES;
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
        return BinlogSnapshot.COPY;
    }

    @Override
    public Failures failures() {
        return MySqlFailures.FAILURES;
    }

    @Override
    public StoreSyntax store() {
        return MySqlStatements.SQL;
    }

    @Override
    public String toString() {
        return name;
    }
}
