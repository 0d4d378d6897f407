package dev.bisync.mysql.internal;

import dev.bisync.spi.dialect.ColumnMetadata;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MySqlValueReaderTest {

    @Test
    void datesNoCalendarHoldsAreNamedWithWhyAndRealOnesAreNot() {
        assertTrue(MySqlValueReader.unrepresentableDate("0000-00-00").startsWith("is MariaDB/MySQL's zero date"));
        assertTrue(MySqlValueReader.unrepresentableDate("0000-00-00 00:00:00.000000").contains("zero date"));
        assertTrue(MySqlValueReader.unrepresentableDate("2023-00-15").startsWith("has a zero month"));
        assertTrue(MySqlValueReader.unrepresentableDate("2023-04-00 10:00:00").startsWith("has a zero day"));
        assertTrue(MySqlValueReader.unrepresentableDate("2023-02-31").startsWith("is no day of the calendar"));
        assertTrue(MySqlValueReader.unrepresentableDate("2023-02-29").startsWith("is no day of the calendar"));
        assertNull(MySqlValueReader.unrepresentableDate("2024-02-29"));
        assertNull(MySqlValueReader.unrepresentableDate("0000-01-01"), "year 0 is a year MariaDB and Java hold");
        assertNull(MySqlValueReader.unrepresentableDate("9999-12-31 23:59:59.999999"));
    }

    @Test
    void floatIsSelectedAsDoubleSoThatItsTextHoldsEveryDigit() {
        assertEquals("CAST(`f` AS DOUBLE)", MySqlValueReader.selectExpression(column("float"), "`f`"));
        assertEquals("CAST(`f` AS DOUBLE)", MySqlValueReader.selectExpression(column("float unsigned"), "`f`"));
        assertEquals("`d`", MySqlValueReader.selectExpression(column("double"), "`d`"));
    }

    private static ColumnMetadata column(String type) {
        return new ColumnMetadata("c", Types.REAL, type, 12, 0, true, List.of());
    }
}
