package dev.bisync.mysql;

import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;

/** A {@link DatabaseMetaData} that knows only the product name and version, for provider tests without a server. */
final class MetaDataStub {

    private MetaDataStub() {
    }

    static DatabaseMetaData of(String product, String version) {
        return (DatabaseMetaData) Proxy.newProxyInstance(MetaDataStub.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getDatabaseProductName" -> product;
                    case "getDatabaseProductVersion" -> version;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
