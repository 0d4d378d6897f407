package dev.bisync.core.it;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code docs/type-mapping.md} as {@link TypeMatrixIT} runs it: a source column type, the target column
 * type it lands in, and values written at the source as SQL literals, each with the text the target must then show
 * (read through {@link #targetRead}) and, after the round trip, the text the source must show again.
 *
 * <p>Each case is one column {@code c_<name>} of the direction's wide table; value {@code i} is in row {@code i + 1}
 * (rows beyond a case's values hold NULL there).
 */
final class TypeCase {

    /** How the text of a value is compared. */
    enum Compare { TEXT, JSON }

    /** A value: its source literal, the target's text, and the source's text after the round trip. */
    record Value(String literal, String expected, String home) {
    }

    final String name;
    final String sourceType;
    final String targetType;
    final List<Value> values = new ArrayList<>();
    String sourceRead;
    String targetRead;
    Compare compare = Compare.TEXT;
    /** How the value travels, for the report: exact, or lossy and how. */
    String fidelity = "exact";

    private TypeCase(String name, String sourceType, String targetType, String sourceRead, String targetRead) {
        this.name = name;
        this.sourceType = sourceType;
        this.targetType = targetType;
        this.sourceRead = sourceRead;
        this.targetRead = targetRead;
    }

    /** A case from MariaDB to PostgreSQL, read as {@code CAST(c AS CHAR)} and {@code c::text}. */
    static TypeCase mariaToPg(String name, String sourceType, String targetType) {
        return new TypeCase(name, sourceType, targetType, "CAST(%s AS CHAR)", "%s::text");
    }

    /** A case from PostgreSQL to MariaDB, read as {@code c::text} and {@code CAST(c AS CHAR)}. */
    static TypeCase pgToMaria(String name, String sourceType, String targetType) {
        return new TypeCase(name, sourceType, targetType, "%s::text", "CAST(%s AS CHAR)");
    }

    /** A value whose target text is the literal itself (without quotes). */
    TypeCase v(String literal) {
        return v(literal, unquoted(literal));
    }

    /** A value and the target's text of it; it comes home unchanged. */
    TypeCase v(String literal, String expected) {
        values.add(new Value(literal, expected, null));
        return this;
    }

    /** A value, the target's text, and the source's text after the round trip (a documented loss). */
    TypeCase v(String literal, String expected, String home) {
        values.add(new Value(literal, expected, home));
        return this;
    }

    /** The SQL expression that renders the column at the source, {@code %s} standing for the column. */
    TypeCase sourceRead(String template) {
        this.sourceRead = template;
        return this;
    }

    /** The SQL expression that renders the column at the target. */
    TypeCase targetRead(String template) {
        this.targetRead = template;
        return this;
    }

    TypeCase json() {
        this.compare = Compare.JSON;
        return this;
    }

    TypeCase lossy(String how) {
        this.fidelity = "lossy: " + how;
        return this;
    }

    String column() {
        return "c_" + name;
    }

    @Override
    public String toString() {
        return name + " (" + sourceType + " -> " + targetType + ")";
    }

    private static String unquoted(String literal) {
        if (literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'")) {
            return literal.substring(1, literal.length() - 1).replace("''", "'");
        }
        return literal;
    }
}
