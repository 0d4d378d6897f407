package dev.bisync.cli;

import dev.bisync.api.config.ConfigException;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.SyncConfigFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.NoSuchElementException;

/**
 * The {@code bisync} command line: {@code bisync --config bisync.properties conflicts list | show ID | resolve ID
 * --take source|target|merged | replay ID}, {@code bisync dlq replay LANE [--table T] [--from N --to M]} and
 * {@code bisync init --from SIDE | --both}. The configuration file is described by {@link SyncConfigFile}. Exit
 * codes: 0 done, 1 the operation failed (the message says why), 64 bad usage or configuration ({@code sysexits.h}'s
 * {@code EX_USAGE}); {@code init} also 2: copied, but the target refused some rows (listed).
 * <p>
 * The commands only parse their arguments and print: what they do is bisync-core's façade ({@code InitialSync},
 * {@code ConflictAdmin}, {@code DeadLetterReplay}), which applications call the same way.
 */
@Command(name = "bisync", mixinStandardHelpOptions = true, version = "bisync 0.1",
        description = "Operate a bisync sync: copy the existing rows, inspect and resolve conflicts, replay dead "
                + "letters.",
        subcommands = {ConflictsCommand.class, DeadLettersCommand.class, InitCommand.class, VerifyCommand.class,
                RepairCommand.class})
public final class BisyncCli {

    /** The exit code of bad usage or configuration ({@code EX_USAGE}). */
    static final int USAGE = 64;
    /** The exit code of an operation that failed. */
    static final int FAILED = 1;

    @Option(names = {"-c", "--config"}, defaultValue = "bisync.properties", paramLabel = "FILE",
            description = "the sync's configuration file (default: ${DEFAULT-VALUE})")
    Path config;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line; returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new BisyncCli());
        usageExitCode(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException config) {
                err.println("bisync: the configuration has problems:");
                config.problems().forEach(p -> err.println("  - " + p));
                return USAGE;
            }
            if (e instanceof NoSuchElementException || e instanceof IllegalStateException) {
                err.println("bisync: " + e.getMessage());
                return FAILED;
            }
            err.println("bisync: " + e);
            return FAILED;
        });
        return cli.execute(args);
    }

    /** Bad usage gives {@value #USAGE} in every command, so that no code of a command's own means it too. */
    private static void usageExitCode(CommandLine command) {
        command.getCommandSpec().exitCodeOnInvalidInput(USAGE);
        command.getSubcommands().values().forEach(BisyncCli::usageExitCode);
    }

    SyncConfig loadConfig() throws Exception {
        return SyncConfigFile.load(config);
    }
}
