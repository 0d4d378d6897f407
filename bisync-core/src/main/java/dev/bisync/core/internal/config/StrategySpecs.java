package dev.bisync.core.internal.config;

import dev.bisync.spi.ConflictDetection;
import dev.bisync.spi.ConflictStrategy;
import dev.bisync.spi.ConflictStrategyProvider;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Conflict strategies and detections written as text, for configuration files and the command line.
 *
 * <pre>
 * strategy  := member ( '|' member )*           members chained with orElse
 * member    := last-write-wins[:column]         default column updated_at
 *            | side-priority
 *            | ranked:column:v1&lt;v2&lt;...       lowest first
 *            | column-merge[:col1,col2]         columns where the greater value wins
 *            | manual
 *            | name[:argument]                  a ConflictStrategyProvider on the class path
 *            | class.Name[:argument]            a class (a dot in the name) implementing ConflictStrategy, or
 *                                               ConflictStrategyProvider (given the argument); no-argument constructor
 * detection := primary-key | changed-columns | old-values | timestamp:column | version:column
 * </pre>
 */
public final class StrategySpecs {

    private StrategySpecs() {
    }

    /**
     * The strategy a text describes.
     *
     * @throws IllegalArgumentException with what to write instead
     */
    public static ConflictStrategy strategy(String spec) {
        ConflictStrategy chain = null;
        for (String member : spec.split("\\|")) {
            ConflictStrategy next = member(member.trim());
            chain = chain == null ? next : chain.orElse(next);
        }
        if (chain == null) {
            throw new IllegalArgumentException("an empty conflict strategy");
        }
        return chain;
    }

    private static ConflictStrategy member(String member) {
        int colon = member.indexOf(':');
        String name = colon < 0 ? member : member.substring(0, colon);
        String argument = colon < 0 ? "" : member.substring(colon + 1).trim();
        switch (name) {
            case "last-write-wins":
                return ConflictStrategy.lastWriteWins(argument.isEmpty() ? "updated_at" : argument);
            case "side-priority":
                return ConflictStrategy.sidePriority();
            case "manual":
                return ConflictStrategy.manual();
            case "column-merge":
                return ConflictStrategy.columnMerge(argument.isEmpty() ? new String[0]
                        : Arrays.stream(argument.split(",")).map(String::trim).toArray(String[]::new));
            case "ranked": {
                int c = argument.indexOf(':');
                if (c <= 0 || c == argument.length() - 1) {
                    throw new IllegalArgumentException("'" + member + "': write ranked:<column>:<lowest><...<"
                            + "<highest>, e.g. ranked:status:pending<paid<shipped<delivered");
                }
                List<String> values = Arrays.stream(argument.substring(c + 1).split("<")).map(String::trim).toList();
                return ConflictStrategy.ranked(argument.substring(0, c).trim(), values);
            }
            default: {
                if (name.contains(".")) {
                    return byClassName(member, name, argument);
                }
                Map<String, ConflictStrategyProvider> providers = new TreeMap<>();
                for (ConflictStrategyProvider p : ServiceLoader.load(ConflictStrategyProvider.class)) {
                    providers.put(p.name(), p);
                }
                ConflictStrategyProvider provider = providers.get(name);
                if (provider == null) {
                    throw new IllegalArgumentException("unknown conflict strategy '" + name + "': use last-write-wins, "
                            + "side-priority, ranked, column-merge, manual" + (providers.isEmpty() ? ""
                            : ", or one of the providers on the class path: " + providers.keySet()));
                }
                return ConflictStrategy.named(member, provider.create(argument));
            }
        }
    }

    /** A strategy named by its class, or by its provider's class, which takes the argument. */
    private static ConflictStrategy byClassName(String member, String className, String argument) {
        Object made = ClassByName.instantiate(className, Object.class);
        if (made instanceof ConflictStrategyProvider provider) {
            return ConflictStrategy.named(member, provider.create(argument));
        }
        if (!(made instanceof ConflictStrategy strategy)) {
            throw new IllegalArgumentException("class '" + className + "' is neither a " + ConflictStrategy.class
                    .getName() + " nor a " + ConflictStrategyProvider.class.getName() + ": name a class implementing "
                    + "one of them");
        }
        if (!argument.isEmpty()) {
            throw new IllegalArgumentException("'" + member + "': a strategy named by its class takes no argument; "
                    + "write " + className + " alone, or name a ConflictStrategyProvider, which takes one");
        }
        return strategy;
    }

    /**
     * The detection a text describes.
     *
     * @throws IllegalArgumentException with what to write instead
     */
    public static ConflictDetection detection(String spec) {
        String s = spec.trim();
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        String column = colon < 0 ? null : s.substring(colon + 1).trim();
        return switch (name) {
            case "primary-key" -> ConflictDetection.byPrimaryKey();
            case "changed-columns" -> ConflictDetection.byChangedColumns();
            case "old-values" -> ConflictDetection.byOldValues();
            case "timestamp" -> ConflictDetection.byTimestamp(column);
            case "version" -> ConflictDetection.byVersion(column);
            default -> throw new IllegalArgumentException("unknown conflict detection '" + spec + "': use primary-key, "
                    + "changed-columns, old-values, timestamp:<column> or version:<column>");
        };
    }

    /** The text of a detection, as {@link #detection} reads it. */
    public static String detectionSpec(ConflictDetection detection) {
        String method = detection.method().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return detection.column() == null ? method : method + ":" + detection.column();
    }
}
