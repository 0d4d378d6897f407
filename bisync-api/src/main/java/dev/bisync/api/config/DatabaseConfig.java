package dev.bisync.api.config;

import java.util.Map;
import java.util.Objects;

/**
 * How bisync connects to one database. {@link #toString()} never shows the password.
 *
 * @param jdbcUrl    the JDBC URL, e.g. {@code jdbc:postgresql://db:5432/shop} or {@code jdbc:mysql://db:3306/shop}
 * @param user       the user bisync writes as
 * @param password   its password (may be empty, never null)
 * @param properties extra JDBC connection properties
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, Map<String, String> properties) {

    public DatabaseConfig {
        Objects.requireNonNull(password, "password");
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** A configuration without extra properties. */
    public static DatabaseConfig of(String jdbcUrl, String user, String password) {
        return new DatabaseConfig(jdbcUrl, user, password, Map.of());
    }

    @Override
    public String toString() {
        return jdbcUrl + " (user " + user + ")";
    }
}
