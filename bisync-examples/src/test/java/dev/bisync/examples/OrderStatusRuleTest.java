package dev.bisync.examples;

import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.SyncConfigFile;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OrderStatusRuleTest {

    @Test
    void aConfigurationFileFindsTheRuleByNameThroughServiceLoader() throws Exception {
        Properties p = new Properties();
        p.load(new StringReader("""
                name=shop
                kafka.bootstrap.servers=k:9092
                side.a.name=mariadb
                side.a.jdbc-url=jdbc:mariadb://db1/shop
                side.a.user=bisync
                side.a.password=x
                side.a.namespace=shop
                side.a.topic-prefix=a
                side.a.tables=orders
                side.b.name=postgres
                side.b.jdbc-url=jdbc:postgresql://db2/shop
                side.b.user=bisync
                side.b.password=x
                side.b.namespace=public
                side.b.topic-prefix=b
                side.b.tables=orders
                conflict.strategy.orders=order-status
                """));
        SyncConfig config = SyncConfigFile.parse(p, k -> null, "test");
        assertEquals("order-status", config.conflictStrategy("orders").toString());
        assertEquals(OrderStatusRule.strategy().toString(), new OrderStatusRule().create("").toString());
    }
}
