package dev.bisync.api.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncConfigTest {

    private static SideConfig side(String name, String prefix) {
        return new SideConfig(name, DatabaseConfig.of("jdbc:postgresql://db/x", "bisync", "secret"), "public",
                prefix, List.of("orders"));
    }

    @Test
    void buildReportsEveryProblemAtOnceWithItsFix() {
        ConfigException e = assertThrows(ConfigException.class, () -> SyncConfig.builder()
                .name("Bad Name")
                .sideA(new SideConfig("a", DatabaseConfig.of("postgresql://nojdbc", "", "pw"), "", "x y", List.of()))
                .sideB(side("a", "pg"))
                .batchSize(0)
                .pollTimeout(Duration.ZERO)
                .prioritySide("c")
                .build());
        List<String> problems = e.problems();
        assertTrue(problems.size() >= 9, "problems: " + problems);
        assertTrue(e.getMessage().contains("name is 'Bad Name'"), e.getMessage());
        assertTrue(e.getMessage().contains("kafkaBootstrapServers is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("must start with 'jdbc:'"), e.getMessage());
        assertTrue(e.getMessage().contains("both sides are named 'a'"), e.getMessage());
        assertTrue(e.getMessage().contains("batchSize is 0"), e.getMessage());
        assertTrue(e.getMessage().contains("prioritySide is 'c'"), e.getMessage());
        assertTrue(e.getMessage().contains("lists no tables"), e.getMessage());
    }

    @Test
    void eventAttemptsOutsideOneToTenIsRefusedAndDefaultsToThree() {
        for (int attempts : new int[] {0, 11}) {
            ConfigException e = assertThrows(ConfigException.class, () -> SyncConfig.builder().name("shop")
                    .kafkaBootstrapServers("k:9092").sideA(side("mariadb", "m")).sideB(side("postgres", "p"))
                    .eventAttempts(attempts).build());
            assertEquals(List.of("eventAttempts is " + attempts + ": use 1..10 (default 3); 1 dead-letters a failing "
                    + "change at once"), e.problems());
        }
        SyncConfig config = SyncConfig.builder().name("shop").kafkaBootstrapServers("k:9092")
                .sideA(side("mariadb", "m")).sideB(side("postgres", "p")).build();
        assertEquals(3, config.eventAttempts());
    }

    @Test
    void passwordNeverAppearsInDescriptions() {
        SyncConfig config = SyncConfig.builder().name("shop").kafkaBootstrapServers("k:9092")
                .sideA(side("mariadb", "m")).sideB(side("postgres", "p")).build();
        assertTrue(!config.toString().contains("secret"), config.toString());
        assertTrue(!config.sideA().database().toString().contains("secret"));
    }

    @Test
    void defaultsArePrioritySideAAndEchoIdentityFromTheName() {
        SyncConfig config = SyncConfig.builder().name("shop-eu").kafkaBootstrapServers("k:9092")
                .sideA(side("mariadb", "m")).sideB(side("postgres", "p")).build();
        assertEquals("mariadb", config.prioritySide());
        assertEquals("bisync_shop_eu", config.echo().name());
        assertEquals(SyncConfig.DEFAULT_ECHO_ID, config.echo().numericId());
        assertEquals("m.public.orders", config.sideA().topicFor("orders"));
    }
}
