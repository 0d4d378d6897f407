package dev.bisync.api;

import java.util.Objects;

/**
 * A table, named by its namespace (the PostgreSQL schema, the MySQL/MariaDB database) and its name, exactly as the
 * database spells them.
 *
 * @param namespace the schema (PostgreSQL) or database (MySQL/MariaDB); never blank
 * @param name      the table name; never blank
 */
public record TableId(String namespace, String name) {

    public TableId {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (namespace.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("blank table id: '" + namespace + "." + name + "'");
        }
    }

    /** Shorthand for {@code new TableId(namespace, name)}. */
    public static TableId of(String namespace, String name) {
        return new TableId(namespace, name);
    }

    /** {@code namespace.name}. */
    @Override
    public String toString() {
        return namespace + "." + name;
    }
}
