package dev.bisync.core.internal.source;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.api.Operation;
import dev.bisync.api.RetriableException;
import dev.bisync.api.RowImage;
import dev.bisync.api.SourceMetadata;
import dev.bisync.api.SourcePosition;
import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.Dialect;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubstitutionCheckTest {

    private static final TableId SYNCED = new TableId("app", "orders");
    /** Nothing listens there: a check that reaches for the source fails at once. */
    private static final DatabaseConfig NOWHERE = DatabaseConfig.of("jdbc:mariadb://127.0.0.1:1/app", "u", "p");

    private static Dialect named(String name) {
        return (Dialect) Proxy.newProxyInstance(SubstitutionCheckTest.class.getClassLoader(),
                new Class<?>[] {Dialect.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    default -> throw new AssertionError("the check asked the dialect for " + method.getName());
                });
    }

    private static ChangeEvent insert(TableId table, Object date) {
        Map<String, Object> after = new HashMap<>();
        after.put("id", 1);
        after.put("d", date);
        return new ChangeEvent(Operation.CREATE, table, RowImage.of(Map.of("id", 1)), null, RowImage.of(after),
                new SourcePosition(1, 0, "mariadb-bin.000001:4"), Instant.EPOCH, null,
                new SourceMetadata("mariadb", null, 1, null));
    }

    private static List<String> refused(SubstitutionCheck check, ChangeEvent... events) {
        List<String> reasons = new ArrayList<>();
        check.check(List.of(events), Function.identity(), (e, reason) -> reasons.add(reason));
        return reasons;
    }

    @Test
    void aTableTheLaneDoesNotSyncNeverReachesTheSource() {
        SubstitutionCheck postgres = SubstitutionCheck.of(named("PostgreSQL 18.1"), NOWHERE, Set.of(SYNCED), "pg",
                "[t]");
        assertEquals(List.of(), refused(postgres, insert(new TableId("public", "other"), null)));
        SubstitutionCheck maria = SubstitutionCheck.of(named("MariaDB 11.4.5"), NOWHERE, Set.of(SYNCED), "mariadb",
                "[t]");
        assertEquals(List.of(), refused(maria, insert(new TableId("app", "x`; DROP TABLE orders; --"), null)),
                "a name from a record the lane does not sync: no metadata read, no connection");
    }

    @Test
    void aSourceThatCannotBeReadMakesTheBatchRetriedNotApplied() {
        SubstitutionCheck maria = SubstitutionCheck.of(named("MariaDB 11.4.5"), NOWHERE, Set.of(SYNCED), "mariadb",
                "[t]");
        RetriableException e = assertThrows(RetriableException.class, () -> refused(maria, insert(SYNCED, null)));
        assertTrue(e.getMessage().startsWith("source database mariadb (jdbc:mariadb://127.0.0.1:1/app (user u)): "
                + "cannot read it to check values that capture may have sent in place of the source's"),
                e.getMessage());
        maria.close();
    }
}
