package dev.bisync.core.internal.target;

import dev.bisync.api.BisyncException;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.DialectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Picks the dialect for a database among the {@link DialectProvider}s on the class path: the supporting provider
 * with the highest priority. Never falls back to a generic dialect.
 */
public final class DialectResolver {

    private static final Logger LOG = LoggerFactory.getLogger(DialectResolver.class);

    private final List<DialectProvider> providers;

    /** Resolves among the providers found with {@link ServiceLoader}. */
    public DialectResolver() {
        this(ServiceLoader.load(DialectProvider.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    /** Resolves among the given providers. */
    public DialectResolver(List<DialectProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /**
     * The dialect for the database behind this open connection.
     *
     * @throws BisyncException naming the URL and the providers seen, when none supports it
     */
    public Dialect resolve(String jdbcUrl, Connection connection) throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        List<DialectProvider> supporting = new ArrayList<>();
        for (DialectProvider provider : providers) {
            if (provider.supports(jdbcUrl, md)) {
                supporting.add(provider);
            }
        }
        if (supporting.isEmpty()) {
            throw new BisyncException("No bisync dialect supports " + jdbcUrl + " (" + md.getDatabaseProductName()
                    + " " + md.getDatabaseProductVersion() + "); providers seen: " + names(providers)
                    + ". Add bisync-postgres or bisync-mysql to the class path.");
        }
        DialectProvider chosen = supporting.stream().max(Comparator.comparingInt(DialectProvider::priority)).get();
        Dialect dialect = chosen.create(md);
        LOG.info("Using dialect {} ({}) for {}", dialect.name(), chosen.getClass().getName(), jdbcUrl);
        return dialect;
    }

    private static String names(List<DialectProvider> providers) {
        return providers.isEmpty() ? "none"
                : String.join(", ", providers.stream().map(p -> p.getClass().getName()).toList());
    }
}
