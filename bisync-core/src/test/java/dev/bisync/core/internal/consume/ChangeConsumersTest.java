package dev.bisync.core.internal.consume;

import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChangeConsumersTest {

    private static SyncConfig.Builder config() {
        return SyncConfig.builder().name("shop").kafkaBootstrapServers("127.0.0.1:1")
                .kafkaProperty("group.instance.id", "one-for-all")
                .sideA(new SideConfig("mariadb", DatabaseConfig.of("jdbc:mariadb://db/shop", "u", "p"), "shop", "m",
                        List.of("orders")))
                .sideB(new SideConfig("postgres", DatabaseConfig.of("jdbc:postgresql://db/shop", "u", "p"), "public",
                        "p", List.of("orders")));
    }

    private static Optional<String> member(SyncConfig config) {
        KafkaConsumer<byte[], byte[]> consumer = ChangeConsumers.create(config, "mariadb-to-postgres");
        try {
            return consumer.groupMetadata().groupInstanceId();
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
    }

    @Test
    void eachLaneIsAStaticMemberNamedBySyncLaneAndInstance() {
        assertEquals(Optional.of("shop-mariadb-to-postgres-web-2"), member(config().instanceId("web-2").build()));
    }

    @Test
    void theInstanceIsTheHostNameByDefaultAndEmptyTurnsStaticMembershipOff() {
        SyncConfig byDefault = config().build();
        assertEquals(Optional.of("shop-mariadb-to-postgres-" + byDefault.instanceId()), member(byDefault));
        assertEquals(Optional.empty(), member(config().instanceId("").build()), "a user's one id is not kept either");
    }
}
