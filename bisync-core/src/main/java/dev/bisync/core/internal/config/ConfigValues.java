package dev.bisync.core.internal.config;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The values of a configuration file, each read in the form its key declares. A key no declaration matches, and a
 * value not in its key's form, are problems, each saying what to change; reading goes on past them so that they are
 * all reported together.
 */
public final class ConfigValues {

    private static final String KEYS_DOC = "docs/configuration.md";

    private final Map<ConfigKey<?>, Map<List<String>, Object>> values = new HashMap<>();

    private ConfigValues() {
    }

    /**
     * Reads every property against the declared keys, adding the problems to {@code problems} as
     * {@code "<key>: <what to change>"}.
     */
    public static ConfigValues read(Properties properties, List<ConfigKey<?>> keys, List<String> problems) {
        List<ConfigKey<?>> fixedFirst = keys.stream().sorted(Comparator.comparing(ConfigKey::isOpen)).toList();
        ConfigValues read = new ConfigValues();
        for (String fileKey : new TreeSet<>(properties.stringPropertyNames())) {
            ConfigKey<?> key = null;
            List<String> words = null;
            for (ConfigKey<?> candidate : fixedFirst) {
                words = candidate.match(fileKey);
                if (words != null) {
                    key = candidate;
                    break;
                }
            }
            if (key == null) {
                problems.add(unknown(fileKey, keys));
                continue;
            }
            try {
                Object value = key.type().read(properties.getProperty(fileKey));
                read.values.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(words, value);
            } catch (IllegalArgumentException e) {
                problems.add(fileKey + ": " + e.getMessage());
            }
        }
        return read;
    }

    /** The value of a key, with these words in its placeholders (a side key: the side); null when not set. */
    public <T> T get(ConfigKey<T> key, String... words) {
        return cast(values.getOrDefault(key, Map.of()).get(List.of(words)));
    }

    /** Every value of a key with placeholders, by the words the file put in them, in the file's key order. */
    public <T> Map<List<String>, T> all(ConfigKey<T> key) {
        Map<List<String>, T> all = new LinkedHashMap<>();
        values.getOrDefault(key, Map.of()).forEach((words, value) -> all.put(words, cast(value)));
        return all;
    }

    @SuppressWarnings("unchecked") // values are put by their key's own type
    private static <T> T cast(Object value) {
        return (T) value;
    }

    /**
     * The problem of a key nothing declares: the form of the key with placeholders it begins like
     * ({@code conflict.reference.orders}: the child and the parent table), else the declared key it is closest to.
     */
    private static String unknown(String fileKey, List<ConfigKey<?>> keys) {
        String form = null;
        String nearest = null;
        int distance = Integer.MAX_VALUE;
        for (ConfigKey<?> key : keys) {
            for (String spelled : key.spelledOut()) {
                String fixedPart = spelled.contains("<") ? spelled.substring(0, spelled.indexOf('<')) : null;
                if (fixedPart != null && fileKey.startsWith(fixedPart)
                        && (form == null || fixedPart.length() > form.indexOf('<'))) {
                    form = spelled;
                }
                int d = distance(fileKey, spelled);
                if (d < distance) {
                    distance = d;
                    nearest = spelled;
                }
            }
        }
        String hint = form != null ? "write it as " + form + "; "
                : distance <= Math.max(2, fileKey.length() / 5) ? "did you mean '" + nearest + "'? " : "";
        return "unknown key '" + fileKey + "': " + hint + KEYS_DOC + " lists the keys";
    }

    /** Levenshtein distance: the fewest one-character edits that turn {@code a} into {@code b}. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
