package dev.bisync.core.internal.tables;

import dev.bisync.mysql.internal.MySqlFamilyDialect;
import dev.bisync.mysql.internal.MySqlVariant;
import dev.bisync.postgres.internal.PostgresDialect;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bisync's own tables, declared once, made into each database's DDL and statements by the dialect's names. */
class OwnTableTest {

    private final PostgresDialect pg = new PostgresDialect("PostgreSQL 18.6", 18);
    private final MySqlFamilyDialect maria = new MySqlFamilyDialect("MariaDB 11.4", MySqlVariant.MARIADB);

    @Test
    void theOffsetsTableAsEachDatabaseSpellsIt() {
        assertEquals("CREATE TABLE IF NOT EXISTS \"shop\".\"bisync_offsets\" (\"lane\" varchar(200) NOT NULL, "
                + "\"topic\" varchar(249) NOT NULL, \"kafka_partition\" integer NOT NULL, \"next_offset\" bigint NOT NULL, "
                + "\"updated_at\" timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (\"lane\", \"topic\", "
                + "\"kafka_partition\"))", OwnTable.OFFSETS.createSql(pg, "shop"));
        assertEquals("CREATE TABLE IF NOT EXISTS `shop`.`bisync_offsets` (`lane` varchar(200) NOT NULL, "
                + "`topic` varchar(249) NOT NULL, `kafka_partition` int NOT NULL, `next_offset` bigint NOT NULL, "
                + "`updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (`lane`, `topic`, "
                + "`kafka_partition`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", OwnTable.OFFSETS.createSql(maria, "shop"));
    }

    @Test
    void anUpsertSetsTheInsertedColumnsOutsideTheKeyAndStampsTheTimeColumns() {
        List<String> columns = List.of("lane", "topic", "kafka_partition", "next_offset");
        assertEquals("INSERT INTO \"shop\".\"bisync_offsets\" (\"lane\", \"topic\", \"kafka_partition\", "
                + "\"next_offset\") VALUES (?, ?, ?, ?) ON CONFLICT (\"lane\", \"topic\", \"kafka_partition\") DO UPDATE "
                + "SET \"next_offset\" = EXCLUDED.\"next_offset\", \"updated_at\" = now()",
                OwnTable.OFFSETS.insertSql(pg, "shop", columns, true));
        assertTrue(OwnTable.OFFSETS.insertSql(maria, "shop", columns, true).endsWith("ON DUPLICATE KEY UPDATE "
                + "`next_offset` = VALUES(`next_offset`), `updated_at` = CURRENT_TIMESTAMP(6)"));
        assertThrows(IllegalArgumentException.class,
                () -> OwnTable.CONFLICTS.insertSql(pg, "shop", List.of("no_such_column"), false));
    }

    @Test
    void everyTableHasItsKeyAmongItsColumnsAndAGeneratedKeyIsTheKey() {
        for (OwnTable table : OwnTable.ALL) {
            List<String> names = table.columns().stream().map(OwnTable.Column::name).toList();
            assertTrue(names.containsAll(table.primaryKey()), table.name());
            for (OwnTable.Column c : table.columns()) {
                if (c.type() == dev.bisync.spi.dialect.StoreType.GENERATED_KEY) {
                    assertEquals(List.of(c.name()), table.primaryKey(), table.name());
                }
            }
            assertTrue(table.createSql(pg, "s").startsWith("CREATE TABLE IF NOT EXISTS \"s\".\"" + table.name()));
        }
        assertTrue(OwnTable.CONFLICTS.createSql(pg, "s").contains("\"id\" bigint GENERATED ALWAYS AS IDENTITY, "));
        assertTrue(OwnTable.CONFLICTS.createSql(maria, "s").contains("`id` bigint NOT NULL AUTO_INCREMENT, "));
    }
}
