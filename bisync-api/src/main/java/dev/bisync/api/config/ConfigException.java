package dev.bisync.api.config;

import dev.bisync.api.BisyncException;

import java.util.List;

/** The configuration is not usable. The message lists every problem found, each with what to change. */
public class ConfigException extends BisyncException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid bisync configuration (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, with its fix. */
    public List<String> problems() {
        return problems;
    }
}
