package dev.bisync.core.internal.source;

import dev.bisync.api.RowImage;
import dev.bisync.api.UnrepresentableValue;
import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.RowStatements;
import dev.bisync.spi.dialect.ValueCodecs;
import dev.bisync.spi.dialect.TableMetadata;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckedColumnsTest {

    /**
     * A dialect that only quotes and hands out placeholder binders and readers (no database here): the root, its
     * statements and its values are one stub.
     */
    private static final Dialect DIALECT = (Dialect) Proxy.newProxyInstance(CheckedColumnsTest.class.getClassLoader(),
            new Class<?>[] {Dialect.class, RowStatements.class, ValueCodecs.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "statements", "values" -> proxy;
                case "quote", "selectExpression" -> "`" + (args[0] instanceof ColumnMetadata c ? c.name() : args[0])
                        + "`";
                case "binder" -> (dev.bisync.spi.dialect.ColumnBinder) (statement, index, value) -> { };
                case "copyReader" -> (dev.bisync.spi.dialect.ColumnReader) (rs, index) -> null;
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private static ColumnMetadata column(String name, String type, boolean nullable) {
        return new ColumnMetadata(name, Types.OTHER, type, 0, 0, nullable, List.of());
    }

    private static final TableMetadata TABLE = new TableMetadata(new TableId("app", "t"), List.of(
            column("id", "int", false), column("d", "date", true), column("dn", "date", false),
            column("dt", "datetime", true), column("ts", "timestamp", true), column("note", "varchar", true),
            column("e", "enum", true)),
            List.of("id"));

    private static RowImage image(Object... nameValue) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            values.put((String) nameValue[i], nameValue[i + 1]);
        }
        return RowImage.of(values);
    }

    @Test
    void nullInANullableDateColumnTheEpochAnywhereAndLabelsWithQuestionMarksOrBackslashesAreCandidates() {
        CheckedColumns dates = CheckedColumns.of(TABLE, DIALECT, StandIn.BINLOG);
        assertEquals(List.of(0, 2, 3), dates.suspicious(image("id", 1, "d", null, "dn", LocalDate.of(2024, 1, 1),
                "dt", LocalDateTime.of(1970, 1, 1, 0, 0), "ts", Instant.EPOCH, "note", null)));
        assertEquals(List.of(1), dates.suspicious(image("id", 1, "d", LocalDate.of(1970, 1, 2), "dn", LocalDate.EPOCH,
                "dt", LocalDateTime.of(1970, 1, 2, 0, 0), "ts", Instant.ofEpochSecond(1))));
        assertEquals(List.of(), dates.suspicious(image("id", 1, "note", null)), "columns not in the image");
        assertFalse(StandIn.DATE.suspect(null, column("dn", "date", false)), "NOT NULL columns never carry null");
        assertTrue(StandIn.DATE.suspect(LocalDateTime.of(1970, 1, 1, 10, 11, 12), column("dn", "date", false)));
        assertEquals(List.of(4), dates.suspicious(image("id", 1, "e", "?x", "d", LocalDate.of(2024, 1, 1))));
        assertEquals(List.of(4), dates.suspicious(image("id", 1, "e", "a\\b")));
        assertEquals(List.of(), dates.suspicious(image("id", 1, "e", "plain")));
    }

    @Test
    void theSourcesValueRefutesAStandInOnlyWhenItIsOneNoTargetHoldsOrAnotherLabel() {
        UnrepresentableValue invalid = new UnrepresentableValue("2023-02-31", "is no day of the calendar");
        assertEquals(new StandIn.Refutation("2023-02-31", "it is no day of the calendar"),
                StandIn.DATE.refute(LocalDate.EPOCH, invalid));
        assertNull(StandIn.DATE.refute(null, null), "a real NULL");
        assertNull(StandIn.DATE.refute(LocalDate.EPOCH, LocalDate.EPOCH), "a real 1970-01-01");
        assertEquals("'\uD83D\uDE00x'", StandIn.LABEL.refute("?x", "\uD83D\uDE00x").held());
        assertNull(StandIn.LABEL.refute("why?", "why?"), "a label that holds a question mark");
        assertNull(StandIn.LABEL.refute("?x", null), "the row's column is NULL now: a later change brings it");
        assertTrue(StandIn.INTERVAL.suspect(java.time.Duration.ZERO, column("i", "interval", true)));
        assertEquals("-infinity", StandIn.INTERVAL.refute(java.time.Duration.ZERO,
                new UnrepresentableValue("-infinity", "is PostgreSQL's interval -infinity")).held());
        assertEquals(StandIn.INTERVAL, StandIn.of(column("i", "interval", true), StandIn.POSTGRES));
        assertNull(StandIn.of(column("d", "date", true), StandIn.POSTGRES), "PostgreSQL's connector sends dates");
    }

    @Test
    void aColumnTheMetadataDoesNotShowIsNoticedAndATableWithoutDatesOrKeyNeedsNoCheck() {
        CheckedColumns dates = CheckedColumns.of(TABLE, DIALECT, StandIn.BINLOG);
        assertFalse(dates.lacks(image("id", 1, "d", null)));
        assertTrue(dates.lacks(image("id", 1, "added", 2)));
        assertSame(CheckedColumns.NONE, CheckedColumns.of(null, DIALECT, StandIn.BINLOG));
        assertSame(CheckedColumns.NONE, CheckedColumns.of(new TableMetadata(TABLE.id(), TABLE.columns(), List.of()),
                DIALECT, StandIn.BINLOG), "a keyless table cannot be read back by key");
        assertEquals(List.of(), CheckedColumns.of(new TableMetadata(TABLE.id(), List.of(column("id", "int", false)),
                List.of("id")), DIALECT, StandIn.BINLOG).suspicious(image("id", 1)));
    }
}
