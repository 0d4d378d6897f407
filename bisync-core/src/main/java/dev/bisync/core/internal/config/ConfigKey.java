package dev.bisync.core.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One key of the configuration file, declared once: its name, the form of its value, its default and its
 * documentation. The file reader, the messages and {@code docs/configuration.md} all take the key from here.
 *
 * <p>A name may hold placeholders in angle brackets. {@code <a|b>} stands for one of the words between the bars
 * ({@code side.<a|b>.jdbc-url} is {@code side.a.jdbc-url} or {@code side.b.jdbc-url}); any other placeholder stands
 * for a name the user chooses: one part without dots, or, last in the key, the whole rest
 * ({@code conflict.reference.<child>.<parent>}, {@code kafka.<property>}).
 *
 * @param <T> the value's type
 */
public final class ConfigKey<T> {

    private static final Pattern PLACEHOLDER = Pattern.compile("<([^>]+)>");

    private final String name;
    private final ValueType<T> type;
    private final String defaultText;
    private final String doc;
    private final Pattern pattern;
    private final boolean open;

    private ConfigKey(String name, ValueType<T> type, String defaultText, String doc) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.defaultText = Objects.requireNonNull(defaultText, "defaultText");
        this.doc = Objects.requireNonNull(doc, "doc");
        StringBuilder regex = new StringBuilder();
        boolean anyOpen = false;
        Matcher m = PLACEHOLDER.matcher(name);
        int end = 0;
        while (m.find()) {
            regex.append(Pattern.quote(name.substring(end, m.start())));
            String inside = m.group(1);
            boolean choice = inside.contains("|");
            anyOpen |= !choice;
            regex.append(choice ? "(" + inside + ")" : m.end() == name.length() ? "(.+)" : "([^.]+)");
            end = m.end();
        }
        regex.append(Pattern.quote(name.substring(end)));
        this.pattern = Pattern.compile(regex.toString());
        this.open = anyOpen;
    }

    /** A key whose default is a value of its type, written as a file would hold it. */
    public static <T> ConfigKey<T> withDefault(String name, ValueType<T> type, T defaultValue, String doc) {
        return new ConfigKey<>(name, type, type.write(defaultValue), doc);
    }

    /** A key whose default is described in words ("the host name"), or that has none ("required", "none"). */
    public static <T> ConfigKey<T> of(String name, ValueType<T> type, String defaultText, String doc) {
        return new ConfigKey<>(name, type, defaultText, doc);
    }

    /** The name, with its placeholders. */
    public String name() {
        return name;
    }

    /** The form of the value. */
    public ValueType<T> type() {
        return type;
    }

    /** The default, as the documentation shows it. */
    public String defaultText() {
        return defaultText;
    }

    /** What the key does. */
    public String doc() {
        return doc;
    }

    /** Whether the name has a placeholder for a name the user chooses (a table, a property), not only a choice. */
    boolean isOpen() {
        return open;
    }

    /** The words a file's key puts in the placeholders, in order; null when the file's key is not this key. */
    List<String> match(String fileKey) {
        Matcher m = pattern.matcher(fileKey);
        if (!m.matches()) {
            return null;
        }
        List<String> words = new ArrayList<>();
        for (int i = 1; i <= m.groupCount(); i++) {
            words.add(m.group(i));
        }
        return List.copyOf(words);
    }

    /** The file's key with these words in the placeholders, e.g. {@code side.a.password-env} for "a". */
    public String nameFor(String... words) {
        return nameFor(List.of(words));
    }

    /** The file's key with these words in the placeholders. */
    public String nameFor(List<String> words) {
        Matcher m = PLACEHOLDER.matcher(name);
        StringBuilder key = new StringBuilder();
        int i = 0;
        while (m.find()) {
            m.appendReplacement(key, Matcher.quoteReplacement(words.get(i++)));
        }
        m.appendTail(key);
        return key.toString();
    }

    /** The file's keys this key stands for when only its choices are filled in: both sides of a side key. */
    List<String> spelledOut() {
        List<String> keys = new ArrayList<>(List.of(name));
        Matcher m = PLACEHOLDER.matcher(name);
        while (m.find()) {
            if (m.group(1).contains("|")) {
                List<String> more = new ArrayList<>();
                for (String key : keys) {
                    for (String word : m.group(1).split("\\|")) {
                        more.add(key.replace(m.group(), word));
                    }
                }
                keys = more;
            }
        }
        return keys;
    }

    @Override
    public String toString() {
        return name;
    }
}
