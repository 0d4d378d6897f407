package dev.bisync.spi.dialect;

import java.util.List;
import java.util.Objects;

/**
 * A column of a target table, as the target database describes it. Read once per table, then cached.
 *
 * @param name       the column name, as the database spells it
 * @param jdbcType   its {@link java.sql.Types} code
 * @param typeName   the database's type name, lower case (e.g. {@code numeric}, {@code bigint unsigned},
 *                   {@code timestamptz}, {@code enum})
 * @param size       the length or precision (characters, digits, fractional-second digits for temporal types)
 * @param scale      the scale of exact numerics, else 0
 * @param nullable   whether it accepts null
 * @param enumValues the members of an ENUM or SET column, in order; empty otherwise
 */
public record ColumnMetadata(String name, int jdbcType, String typeName, int size, int scale, boolean nullable,
        List<String> enumValues) {

    public ColumnMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
    }
}
