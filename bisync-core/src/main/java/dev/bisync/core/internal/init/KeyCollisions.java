package dev.bisync.core.internal.init;

import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the rows of a chunk that the target's key equality made one with another row: source keys that differ
 * (PostgreSQL's {@code 'a'}, {@code 'A'}, {@code 'a '}) but that the target's collation compares equal (MariaDB's
 * {@code _ci}, pad-space collations), so that an upsert wrote the second over the first. Used only for a table whose
 * target key columns {@link dev.bisync.spi.dialect.Catalog#checkKeyEquality} names, once per chunk written by upserts (the bulk paths only
 * insert: a key met fails their chunk, which then goes by upserts), after its writes and before it commits:
 * the chunk's keys are looked up on the target ({@link TargetKeys}, one query per 500 keys), and a row whose own key
 * the target does not hold, while it holds a key that folds to the same text (case, accents and trailing spaces
 * left out), collided with that key. The caller rolls the chunk back and writes it again without those rows, which
 * are refused, naming the key they collided with. Stateless apart from what it was made with.
 */
final class KeyCollisions {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final Dialect dialect;
    private final String column;
    private final String note;

    private KeyCollisions(Dialect dialect, String column, String note) {
        this.dialect = dialect;
        this.column = column;
        this.note = note;
    }

    /** The check for a table; null when the target compares its keys exactly. */
    static KeyCollisions of(Dialect target, Connection connection, TableShape shape) throws SQLException {
        List<String> notes = target.catalog().checkKeyEquality(connection, List.of(shape.target().id()));
        if (notes.isEmpty()) {
            return null;
        }
        List<ColumnMetadata> keys = shape.target().keyColumns();
        String id = shape.target().id().namespace() + "." + shape.target().id().name() + ".";
        String column = keys.size() == 1 ? id + keys.get(0).name()
                : id + keys.stream().map(ColumnMetadata::name).collect(Collectors.joining(", ", "(", ")"));
        return new KeyCollisions(target, column, String.join("; ", notes));
    }

    /** The target key column(s) of a refused row, {@code namespace.table.column} or {@code ….(a, b)}. */
    String column() {
        return column;
    }

    /**
     * The rows written (target values) that the target holds under another row's key, each with that key's text,
     * for the report: {@code ('a')}. Empty when none. Runs in the chunk's transaction.
     */
    Map<Object[], String> find(Connection target, TableShape shape, List<Object[]> written) throws SQLException {
        Set<String> exact = new HashSet<>();
        Map<String, String> folded = new HashMap<>();
        for (Object[] key : TargetKeys.read(target, dialect, shape, written)) {
            String text = TargetKeys.text(key);
            exact.add(text);
            folded.putIfAbsent(fold(text), ChunkReader.keyText(key));
        }
        Map<Object[], String> collided = new IdentityHashMap<>();
        for (Object[] row : written) {
            String text = shape.keyText(row);
            String other = exact.contains(text) ? null : folded.get(fold(text));
            if (other != null) {
                collided.put(row, other);
            }
        }
        return collided;
    }

    /** Why a row is refused: the key it collided with, and what the target's collation leaves out. */
    String reason(String other) {
        return "is one key with " + other + " under the target's collation, which compares them equal (" + note
                + "); writing it would overwrite that row";
    }

    /** A key's text with case, accents and trailing spaces left out, to pair a row with the key it met. */
    private static String fold(String text) {
        StringBuilder sb = new StringBuilder();
        for (String part : text.split("\u0000", -1)) {
            sb.append(MARKS.matcher(Normalizer.normalize(part, Normalizer.Form.NFD)).replaceAll("")
                    .toLowerCase(Locale.ROOT).stripTrailing()).append('\u0000');
        }
        return sb.toString();
    }
}
