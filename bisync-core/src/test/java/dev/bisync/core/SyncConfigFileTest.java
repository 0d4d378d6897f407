package dev.bisync.core;

import dev.bisync.api.config.ConfigException;
import dev.bisync.api.config.EchoMarking;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.api.TableId;
import dev.bisync.spi.ConflictDecision;
import dev.bisync.spi.ConflictDetection;
import dev.bisync.spi.ConflictStrategy;
import dev.bisync.spi.SyncListener;
import dev.bisync.spi.TableMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncConfigFileTest {

    private static final String GOOD = """
            name=shop
            kafka.bootstrap.servers=k1:9092
            kafka.client.id=shop-sync
            side.a.name=mariadb
            side.a.jdbc-url=jdbc:mariadb://db1:3306/shop
            side.a.user=bisync
            side.a.password-env=PW_A
            side.a.namespace=shop
            side.a.topic-prefix=shopmaria
            side.a.tables=orders, customers
            side.b.name=postgres
            side.b.jdbc-url=jdbc:postgresql://db2:5432/shop
            side.b.user=bisync
            side.b.password=s3cret
            side.b.namespace=public
            side.b.topic-prefix=shoppg
            side.b.tables=orders,customers
            priority-side=postgres
            conflict.strategy.orders=ranked:status:pending<paid<shipped<delivered | last-write-wins
            conflict.detection.customers=version:version
            """;

    private static Properties props(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    @Test
    void readsEverySetting() throws Exception {
        SyncConfig c = SyncConfigFile.parse(props(GOOD), Map.of("PW_A", "from-env")::get, "test.properties");
        assertEquals("shop", c.name());
        assertEquals("from-env", c.sideA().database().password());
        assertEquals(java.util.List.of("orders", "customers"), c.sideA().tables());
        assertEquals("postgres", c.prioritySide());
        assertEquals("shop-sync", c.kafkaProperties().get("client.id"));
        assertTrue(c.conflictStrategy("orders").toString().startsWith("ranked(status"));
        assertEquals(ConflictDetection.byVersion("version"), c.conflictDetection("customers"));
        assertEquals(ConflictDetection.byOldValues(), c.conflictDetection("orders"));
    }

    @Test
    void readsTheVerifyScheduleAndRefusesABadOne() throws Exception {
        assertFalse(SyncConfigFile.parse(props(GOOD), Map.of("PW_A", "x")::get, "t").verifySchedule().enabled());
        SyncConfig c = SyncConfigFile.parse(props(GOOD + "verify.interval=6h\nverify.chunk-rows=2000\n"
                + "verify.capture-allowance=5s\n"), Map.of("PW_A", "x")::get, "test.properties");
        assertEquals(new dev.bisync.api.config.VerifySchedule(java.time.Duration.ofHours(6), 2000,
                java.time.Duration.ofSeconds(5)), c.verifySchedule());
        ConfigException e = assertThrows(ConfigException.class, () -> SyncConfigFile.parse(props(GOOD
                + "verify.interval=1h\nverify.chunk-rows=0\n"), Map.of("PW_A", "x")::get, "bad.properties"));
        assertTrue(String.join("\n", e.problems()).contains("verify chunkRows is 0: use 1 to 1000000"),
                e.problems().toString());
    }

    @Test
    void listsEveryProblemWithWhereItIs() throws Exception {
        String bad = GOOD.replace("side.b.namespace=public", "side.b.namspace=public")
                .replace("conflict.strategy.orders=ranked", "conflict.strategy.orders=rankd")
                .replace("batch", "x") + "batch-size=lots\n";
        ConfigException e = assertThrows(ConfigException.class,
                () -> SyncConfigFile.parse(props(bad), k -> null, "bad.properties"));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("bad.properties: unknown key 'side.b.namspace'"), all);
        assertTrue(all.contains("unknown conflict strategy 'rankd'"), all);
        assertTrue(all.contains("batch-size: 'lots' is not a whole number"), all);
        assertTrue(all.contains("PW_A, which is not set"), all);
        assertTrue(all.contains("sideB 'postgres' has no namespace"), all);
        assertFalse(all.contains("s3cret"), "a password in a message: " + all);
    }

    @Test
    void readsTheSymptomThresholdsAndTheInstanceIdAndDefaultsTheIdToTheHostName() throws Exception {
        SyncConfig c = SyncConfigFile.parse(props(GOOD + """
                alert.dead-letters=5
                alert.retries=6
                alert.parked-conflicts=0
                alert.symptom-window-seconds=20
                alert.stalled-seconds=40
                alert.lag-unknown-seconds=25
                instance-id=web-2
                """), Map.of("PW_A", "x")::get, "test.properties");
        var rules = c.alertRules();
        assertEquals(java.util.List.of(5L, 6L, 0L), java.util.List.of(rules.deadLettering(), rules.retrying(),
                rules.parking()));
        assertEquals(java.time.Duration.ofSeconds(20), rules.symptomWindow());
        assertEquals(java.time.Duration.ofSeconds(40), rules.stalledAfter());
        assertEquals(java.time.Duration.ofSeconds(25), rules.lagUnknownAfter());
        assertEquals("web-2", c.instanceId());
        String host = SyncConfigFile.parse(props(GOOD), Map.of("PW_A", "x")::get, "t").instanceId();
        assertTrue(host.matches("[a-z0-9._-]{1,100}"), host);
        ConfigException e = assertThrows(ConfigException.class, () -> SyncConfigFile.parse(props(GOOD
                + "instance-id=two words\nalert.stalled-seconds=-1\n"), Map.of("PW_A", "x")::get, "bad"));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("instanceId is 'two words'") && all.contains("alert stalledAfter is PT-1S"), all);
    }

    @Test
    void readsForeignKeyRulesPerRelationshipAndRefusesUnknownOnes() throws Exception {
        SyncConfig c = SyncConfigFile.parse(props(GOOD + """
                conflict.reference=park
                conflict.reference.orders.customers=insert-wins
                """), Map.of("PW_A", "x")::get, "test.properties");
        assertEquals(dev.bisync.api.config.ReferenceRule.INSERT_WINS, c.referenceRule("orders", "customers"));
        assertEquals(dev.bisync.api.config.ReferenceRule.PARK, c.referenceRule("customers", "orders"), "the default");
        assertEquals(dev.bisync.api.config.ReferenceRule.DELETE_WINS, SyncConfigFile.parse(props(GOOD),
                Map.of("PW_A", "x")::get, "t").referenceRule("orders", "customers"), "delete wins unless set");
        ConfigException e = assertThrows(ConfigException.class, () -> SyncConfigFile.parse(props(GOOD + """
                conflict.reference.orders.customers=insert-first
                conflict.reference.orders=park
                conflict.reference.items.orders=park
                """), Map.of("PW_A", "x")::get, "bad"));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("'insert-first' is not a foreign-key rule: use delete-wins, insert-wins or park"), all);
        assertTrue(all.contains("conflict.reference.<child table>.<parent table>"), all);
        assertTrue(all.contains("neither side lists table 'items'"), all);
    }

    @Test
    void readsTheOptionsOnlyCodeCouldSetBefore() throws Exception {
        SyncConfig c = SyncConfigFile.parse(props(GOOD + """
                event-attempts=5
                poll-timeout=200ms
                side.a.jdbc.connectTimeout=5
                side.b.jdbc.sslmode=require
                side.b.jdbc.ssl.factory=org.example.Factory
                alert.errors-per-minute=0.5
                """ + "table-mapper=" + PrefixingMapper.class.getName()
                + "\nlisteners=" + FirstListener.class.getName() + ", " + SecondListener.class.getName()
                + "\nconflict.strategy.customers=" + KeepTarget.class.getName() + " | side-priority\n"),
                Map.of("PW_A", "x")::get, "test.properties");
        assertEquals(5, c.eventAttempts());
        assertEquals(Duration.ofMillis(200), c.pollTimeout());
        assertEquals(Map.of("connectTimeout", "5"), c.sideA().database().properties());
        assertEquals(Map.of("sslmode", "require", "ssl.factory", "org.example.Factory"),
                c.sideB().database().properties());
        assertEquals(new TableId("public", "x_orders"), c.tableMapper().targetTable(new TableId("shop", "orders"),
                "public"));
        assertEquals(List.of(FirstListener.class, SecondListener.class),
                c.listeners().stream().map(Object::getClass).toList(), "in the file's order");
        assertEquals("keep the target, else sidePriority", c.conflictStrategy("customers").toString());
        assertEquals(0.5, c.alertRules().errorsPerMinute());
        assertEquals(Duration.ofMillis(500), SyncConfigFile.parse(props(GOOD + "poll-timeout=PT0.5S\n"),
                Map.of("PW_A", "x")::get, "t").pollTimeout(), "ISO-8601 too");
    }

    @Test
    void refusesClassesThatCannotBeUsedAndDurationsWithoutAUnitAllAtOnce() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> SyncConfigFile.parse(props(GOOD + """
                table-mapper=com.example.NoSuchMapper
                listeners=java.lang.String
                poll-timeout=50
                event-attempts=0
                side.a.pasword=x
                alert.connector-failure=yes
                """), Map.of("PW_A", "x")::get, "bad.properties"));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("bad.properties: table-mapper: class 'com.example.NoSuchMapper' is not on the class "
                + "path"), all);
        assertTrue(all.contains("listeners: class 'java.lang.String' is not a dev.bisync.spi.SyncListener"), all);
        assertTrue(all.contains("poll-timeout: '50' is not a duration: write a number and its unit"), all);
        assertTrue(all.contains("eventAttempts is 0: use 1..10"), all);
        assertTrue(all.contains("unknown key 'side.a.pasword': did you mean 'side.a.password'?"), all);
        assertTrue(all.contains("alert.connector-failure: 'yes' is neither true nor false"), all);
        assertEquals(6, e.problems().size(), all);

        e = assertThrows(ConfigException.class, () -> SyncConfigFile.parse(props(GOOD + "poll-timeout=2m\n"
                + "table-mapper=" + FirstListener.class.getName() + "\nlisteners=" + FirstListener.class.getName()
                + "," + NeedsArguments.class.getName() + "\n"), Map.of("PW_A", "x")::get, "bad.properties"));
        all = String.join("\n", e.problems());
        assertTrue(all.contains("table-mapper: class '" + FirstListener.class.getName() + "' is not a "
                + "dev.bisync.spi.TableMapper: name a class that implements it"), all);
        assertTrue(all.contains("listeners: class '" + NeedsArguments.class.getName() + "' has no public "
                + "constructor without arguments: add one"), all);
        assertTrue(all.contains("pollTimeout is PT2M: use more than 0 and at most 1 minute"), all);
    }

    @Test
    void readsEachSidesEchoMarkingAndRefusesAnUnknownOne() throws Exception {
        SyncConfig c = SyncConfigFile.parse(props(GOOD + "side.b.echo-marking=Marker-Rows\n"),
                Map.of("PW_A", "x")::get, "test.properties");
        assertEquals(EchoMarking.AUTO, c.sideA().echoMarking());
        assertEquals(EchoMarking.MARKER_ROWS, c.sideB().echoMarking());
        ConfigException e = assertThrows(ConfigException.class, () -> SyncConfigFile.parse(props(GOOD
                + "side.a.echo-marking=rows\n"), Map.of("PW_A", "x")::get, "bad.properties"));
        assertEquals(List.of("bad.properties: side.a.echo-marking: 'rows' is not an echo marking: write auto or "
                + "marker-rows"), e.problems());
    }

    @Test
    void aPasswordIsKeptAsWrittenTrailingBlanksIncluded() throws Exception {
        SyncConfig c = SyncConfigFile.parse(props(GOOD.replace("side.b.password=s3cret", "side.b.password=s3cret  ")
                .replace("side.a.password-env=PW_A", "side.a.password-env= PW_A ")), Map.of("PW_A", "x ")::get, "t");
        assertEquals("s3cret  ", c.sideB().database().password());
        assertEquals("x ", c.sideA().database().password(), "the variable's name is trimmed, its value is not");
    }

    /** A table mapper named in a file. */
    public static final class PrefixingMapper implements TableMapper {
        @Override
        public TableId targetTable(TableId source, String targetNamespace) {
            return new TableId(targetNamespace, "x_" + source.name());
        }
    }

    /** A listener named in a file. */
    public static final class FirstListener implements SyncListener {
    }

    /** Another. */
    public static final class SecondListener implements SyncListener {
    }

    /** A listener the file cannot make. */
    public static final class NeedsArguments implements SyncListener {
        public NeedsArguments(String argument) {
        }
    }

    /** A strategy named in a file by its class. */
    public static final class KeepTarget implements ConflictStrategy {
        @Override
        public ConflictDecision resolve(dev.bisync.spi.Conflict conflict) {
            return ConflictDecision.keepTarget("kept");
        }

        @Override
        public String toString() {
            return "keep the target";
        }
    }
}
