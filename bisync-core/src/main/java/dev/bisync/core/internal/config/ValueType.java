package dev.bisync.core.internal.config;

import dev.bisync.api.config.EchoMarking;
import dev.bisync.api.config.ReferenceRule;
import dev.bisync.spi.ConflictDetection;
import dev.bisync.spi.ConflictStrategy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form a key's value takes in a configuration file: how its text is read (and refused, with what to write
 * instead) and how a value is written back, for the defaults in {@code docs/configuration.md}.
 *
 * @param <T> the value read
 */
public final class ValueType<T> {

    /** Any text, trimmed. */
    public static final ValueType<String> TEXT = new ValueType<>("text", "any text; surrounding blanks are dropped",
            text -> text, Object::toString);
    /** A secret: kept as written, trailing blanks included (a password may end in one), never shown. */
    public static final ValueType<String> SECRET = new ValueType<>("password", "text kept as written, trailing "
            + "blanks included, that bisync never logs or shows in a message", text -> text, value -> "(hidden)",
            false);
    /** A whole number that fits an {@code int}. */
    public static final ValueType<Integer> INT = new ValueType<>("int", "a whole number, "
            + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE, ValueType::readInt, Object::toString);
    /** A whole number. */
    public static final ValueType<Long> LONG = new ValueType<>("long", "a whole number", ValueType::readLong,
            Object::toString);
    /** A number that may have a fraction. */
    public static final ValueType<Double> DECIMAL = new ValueType<>("decimal", "a number, e.g. 10 or 0.5",
            ValueType::readDecimal, value -> value % 1 == 0 ? String.valueOf(value.longValue()) : value.toString());
    /** {@code true} or {@code false}, nothing else. */
    public static final ValueType<Boolean> BOOLEAN = new ValueType<>("boolean", "true or false",
            ValueType::readBoolean, Object::toString);
    /** A length of time with its unit. */
    public static final ValueType<Duration> DURATION = new ValueType<>("duration", "a number and a unit, ms, s, m or "
            + "h (50ms, 2s, 5m), or ISO-8601 (PT0.05S)", ValueType::readDuration, ValueType::showDuration);
    /** Comma-separated text. */
    public static final ValueType<List<String>> LIST = new ValueType<>("list", "comma-separated text; blanks around "
            + "the commas are dropped", ValueType::readList, value -> String.join(",", value));
    /** A conflict strategy in {@link StrategySpecs}' syntax. */
    public static final ValueType<ConflictStrategy> STRATEGY = new ValueType<>("strategy", "members chained with "
            + "'|', the next deciding where one abstains: last-write-wins[:column] (default column updated_at), "
            + "side-priority, ranked:column:lowest<...<highest, column-merge[:col1,col2], manual, the name of a "
            + "ConflictStrategyProvider on the class path [:argument], or the class name of a ConflictStrategy "
            + "or ConflictStrategyProvider (see [conflicts.md](conflicts.md))", StrategySpecs::strategy,
            Object::toString);
    /** A conflict detection in {@link StrategySpecs}' syntax. */
    public static final ValueType<ConflictDetection> DETECTION = new ValueType<>("detection", "primary-key, "
            + "changed-columns, old-values, timestamp:column or version:column (see [conflicts.md](conflicts.md))",
            StrategySpecs::detection, StrategySpecs::detectionSpec);
    /** A foreign-key rule. */
    public static final ValueType<ReferenceRule> REFERENCE_RULE = new ValueType<>("reference rule", "delete-wins, "
            + "insert-wins or park (see [conflicts.md](conflicts.md))", ReferenceRule::ofSpec, ReferenceRule::spec);

    /** How bisync marks its writes into a side. */
    public static final ValueType<EchoMarking> ECHO_MARKING = new ValueType<>("echo marking", "auto or marker-rows",
            ValueType::readEchoMarking, value -> value.name().toLowerCase(Locale.ROOT).replace('_', '-'));

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final String name;
    private final String form;
    private final Function<String, T> reader;
    private final Function<T, String> writer;
    private final boolean trims;

    private ValueType(String name, String form, Function<String, T> reader, Function<T, String> writer) {
        this(name, form, reader, writer, true);
    }

    private ValueType(String name, String form, Function<String, T> reader, Function<T, String> writer,
            boolean trims) {
        this.name = name;
        this.form = form;
        this.reader = reader;
        this.writer = writer;
        this.trims = trims;
    }

    /** An object of the class the value names, which must implement {@code type}. */
    public static <T> ValueType<T> instanceOf(Class<T> type) {
        return new ValueType<>("class", "the name of a class with a public constructor without arguments",
                className -> ClassByName.instantiate(className, type), value -> value.getClass().getName());
    }

    /** An object of each class a comma-separated list names, each implementing {@code type}. */
    public static <T> ValueType<List<T>> instancesOf(Class<T> type) {
        return new ValueType<>("class list", "comma-separated class names, each with a public constructor without "
                + "arguments", text -> readList(text).stream().map(c -> ClassByName.instantiate(c, type)).toList(),
                value -> String.join(",", value.stream().map(v -> v.getClass().getName()).toList()));
    }

    /** The name of this form, for the documentation's type column. */
    public String name() {
        return name;
    }

    /** What a value of this form looks like. */
    public String form() {
        return form;
    }

    /**
     * The value a text stands for, blanks around it dropped (but for a {@link #SECRET}).
     *
     * @throws IllegalArgumentException saying what to write instead
     */
    public T read(String text) {
        return reader.apply(trims ? text.trim() : text);
    }

    /** The text that stands for a value, as a file would hold it. */
    public String write(T value) {
        return writer.apply(value);
    }

    private static int readInt(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number (" + Integer.MIN_VALUE + " to "
                    + Integer.MAX_VALUE + ")");
        }
    }

    private static long readLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    private static double readDecimal(String text) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("'" + text + "' is not a number: write e.g. 10 or 0.5");
    }

    private static EchoMarking readEchoMarking(String text) {
        for (EchoMarking marking : EchoMarking.values()) {
            if (marking.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(text.toLowerCase(Locale.ROOT))) {
                return marking;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an echo marking: write auto or marker-rows");
    }

    private static boolean readBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is neither true nor false");
        };
    }

    private static Duration readDuration(String text) {
        Matcher m = WITH_UNIT.matcher(text);
        try {
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            if (text.startsWith("P") || text.startsWith("p")) {
                return Duration.parse(text);
            }
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
            // refused below
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration: write a number and its unit (ms, s, "
                + "m, h), e.g. 50ms or 2s, or ISO-8601, e.g. PT0.05S");
    }

    private static String showDuration(Duration d) {
        if (d.toMillis() % 1000 != 0 || d.isZero()) {
            return d.toMillis() + "ms";
        }
        return d.toSeconds() % 60 != 0 ? d.toSeconds() + "s" : d.toMinutes() + "m";
    }

    private static List<String> readList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }
}
