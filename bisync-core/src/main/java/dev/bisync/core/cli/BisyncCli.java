package dev.bisync.core.cli;

import dev.bisync.api.ConfigException;
import dev.bisync.api.RowImage;
import dev.bisync.api.SyncConfig;
import dev.bisync.core.ConflictAdmin;
import dev.bisync.core.report.ConflictRecord;
import dev.bisync.core.DeadLetterReplay;
import dev.bisync.core.report.RejectedRow;
import dev.bisync.core.ReplayReport;
import dev.bisync.core.ReplaySelection;
import dev.bisync.core.report.InitReport;
import dev.bisync.core.InitialSync;
import dev.bisync.core.SyncConfigFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/**
 * The {@code bisync} command line: {@code bisync --config bisync.properties conflicts list | show ID | resolve ID
 * --take source|target|merged | replay ID}, and {@code bisync dlq replay LANE [--table T] [--from N --to M]}. The configuration file is described by {@link SyncConfigFile}. Exit
 * codes: 0 done, 1 the operation failed (the message says why), 64 bad usage or configuration ({@code sysexits.h}'s
 * {@code EX_USAGE}); {@code init} also 2: copied, but the target refused some rows (listed).
 */
@Command(name = "bisync", mixinStandardHelpOptions = true, version = "bisync 0.1",
        description = "Operate a bisync sync: copy the existing rows, inspect and resolve conflicts, replay dead "
                + "letters.",
        subcommands = {BisyncCli.Conflicts.class, BisyncCli.DeadLetters.class, BisyncCli.Init.class})
public final class BisyncCli {

    /** The exit code of bad usage or configuration ({@code EX_USAGE}). */
    static final int USAGE = 64;
    /** The exit code of {@code init} when it copied every table but the target refused some rows. */
    static final int COPIED_WITH_REJECTED_ROWS = 2;

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
                return 1;
            }
            err.println("bisync: " + e);
            return 1;
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

    /** {@code bisync conflicts ...}. */
    @Command(name = "conflicts", description = "List, show and resolve the conflicts the lanes recorded.",
            subcommands = {List_.class, Show.class, Resolve.class, Replay.class})
    static final class Conflicts {
        @ParentCommand
        BisyncCli root;
    }

    /** {@code bisync init --from SIDE | --both}: the initial copy, its progress line and its verification. */
    @Command(name = "init", description = "Copy the existing rows before the lanes start (resumable), then compare "
            + "both sides table by table. Exit code 1 when a table differs (other than by rows the target refused), "
            + "2 when the target refused rows (listed) and nothing else differs.")
    static final class Init implements Callable<Integer> {
        @ParentCommand
        BisyncCli root;
        @picocli.CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--from", paramLabel = "SIDE", description = "copy this side's rows to the other side")
        String from;
        @Option(names = "--both", description = "fill both ways: each side gets the rows whose key it lacks")
        boolean both;
        @Option(names = "--parallel", defaultValue = "4", description = "tables copied at once (default ${DEFAULT-VALUE})")
        int parallel;
        @Option(names = "--chunk-rows", defaultValue = "5000", description = "rows per chunk (default ${DEFAULT-VALUE})")
        int chunkRows;
        @Option(names = "--no-verify", description = "skip the comparison of both sides after the copy")
        boolean noVerify;
        @Option(names = "--no-bulk-load", description = "write every table with upserts, also the empty ones "
                + "(otherwise: COPY / LOAD DATA LOCAL INFILE)")
        boolean noBulkLoad;

        @Override
        public Integer call() throws Exception {
            if (both == (from != null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give either --from SIDE or --both");
            }
            PrintWriter out = spec.commandLine().getOut();
            InitialSync.Builder builder = InitialSync.builder(root.loadConfig()).parallelism(parallel)
                    .chunkRows(chunkRows).verify(!noVerify).bulkLoad(!noBulkLoad).progress(Duration.ofSeconds(2), out::println);
            InitReport report = (both ? builder.both() : builder.from(from)).run();
            report.resumed().forEach(r -> out.println(r));
            report.rejected().forEach(r -> out.println("rejected: " + r));
            report.rejected().stream().map(RejectedRow::direction).distinct().forEach(lane -> out.println("the rows "
                    + lane + " rejected are dead letters of that lane: fix the cause, then bisync dlq replay " + lane));
            report.mismatches().forEach(c -> out.println("differs: " + c));
            out.printf("%d of %d tables copied, %,d rows in %s, %,d rejected; %d table(s) compared, %d differ%n",
                    report.tablesCopied(), report.tablesTotal(), report.rows(), report.took(),
                    report.rejected().size(), report.checks().size(), report.mismatches().size());
            if (!report.unexplainedMismatches().isEmpty()) {
                return 1;
            }
            return report.rejected().isEmpty() ? 0 : COPIED_WITH_REJECTED_ROWS;
        }
    }

    abstract static class ConflictCommand implements Callable<Integer> {
        @ParentCommand
        Conflicts parent;
        @picocli.CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (ConflictAdmin admin = ConflictAdmin.open(parent.root.loadConfig())) {
                return run(admin, spec.commandLine().getOut());
            }
        }

        abstract int run(ConflictAdmin admin, PrintWriter out) throws Exception;
    }

    @Command(name = "list", description = "The parked conflicts of both sides (all recorded ones with --all).")
    static final class List_ extends ConflictCommand {
        @Option(names = "--all", description = "also the conflicts strategies decided, and resolved ones")
        boolean all;

        @Override
        int run(ConflictAdmin admin, PrintWriter out) throws Exception {
            List<ConflictRecord> records = admin.list(all);
            if (records.isEmpty()) {
                out.println(all ? "no conflicts recorded" : "no parked conflicts");
                return 0;
            }
            out.printf("%-16s %-9s %-12s %-28s %-24s %s%n", "ID", "STATUS", "DECISION", "TABLE", "KEY", "REASON");
            for (ConflictRecord r : records) {
                out.printf("%-16s %-9s %-12s %-28s %-24s %s%n", r.id(), r.status(), r.decision(), r.targetTable(),
                        r.key().values(), r.reason());
            }
            out.println(records.size() + " conflict(s)");
            return 0;
        }
    }

    @Command(name = "show", description = "Everything recorded about one conflict.")
    static final class Show extends ConflictCommand {
        @Parameters(paramLabel = "ID", description = "the conflict, <side>:<number> as 'list' shows it")
        String id;

        @Override
        int run(ConflictAdmin admin, PrintWriter out) throws Exception {
            print(admin.show(id), out);
            return 0;
        }
    }

    @Command(name = "resolve", description = "Resolve a parked conflict: write the chosen row to both sides.")
    static final class Resolve extends ConflictCommand {
        @Parameters(paramLabel = "ID", description = "the conflict, <side>:<number>")
        String id;
        @Option(names = "--take", required = true, paramLabel = "source|target|merged",
                description = "source: the parked change's row; target: the target's current row; merged: the "
                        + "target's row with the columns the change changed")
        String take;

        @Override
        int run(ConflictAdmin admin, PrintWriter out) throws Exception {
            ConflictAdmin.Take which;
            try {
                which = ConflictAdmin.Take.valueOf(take.trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--take must be source, target or merged, "
                        + "not '" + take + "'");
            }
            ConflictRecord r = admin.resolve(id, which);
            out.println("resolved " + r.id() + " (" + r.resolution() + "): both sides now hold the same row");
            return 0;
        }
    }

    @Command(name = "replay", description = "Decide a parked conflict again with the table's configured strategy.")
    static final class Replay extends ConflictCommand {
        @Parameters(paramLabel = "ID", description = "the conflict, <side>:<number>")
        String id;

        @Override
        int run(ConflictAdmin admin, PrintWriter out) throws Exception {
            ConflictRecord r = admin.replay(id);
            out.println(r.isParked() ? "the strategy parks " + r.id() + " again: nothing changed"
                    : "replayed " + r.id() + " (" + r.resolution() + "): both sides now hold the same row");
            return 0;
        }
    }

    /** {@code bisync dlq ...}. */
    @Command(name = "dlq", description = "The lanes' dead-letter topics.", subcommands = {Replay_.class})
    static final class DeadLetters {
        @ParentCommand
        BisyncCli root;
    }

    @Command(name = "replay", description = "Re-apply a lane's dead letters once their cause is fixed; each record is "
            + "applied at most once, however often you replay.")
    static final class Replay_ implements Callable<Integer> {
        @ParentCommand
        DeadLetters parent;
        @picocli.CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "LANE", description = "the lane, e.g. mariadb-to-postgres")
        String lane;
        @Option(names = "--table", paramLabel = "TABLE", description = "only the dead letters of this source table")
        String table;
        @Option(names = "--from", paramLabel = "OFFSET", description = "first dead-letter topic offset (inclusive)")
        Long from;
        @Option(names = "--to", paramLabel = "OFFSET", description = "last dead-letter topic offset (inclusive)")
        Long to;

        @Override
        public Integer call() throws Exception {
            SyncConfig config = parent.root.loadConfig();
            PrintWriter out = spec.commandLine().getOut();
            if (!DeadLetterReplay.lanes(config).contains(lane)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no lane '" + lane + "': the lanes are "
                        + DeadLetterReplay.lanes(config));
            }
            ReplaySelection selection = new ReplaySelection(table, from == null ? 0 : from,
                    to == null ? Long.MAX_VALUE : to);
            try (DeadLetterReplay replay = DeadLetterReplay.open(config, lane)) {
                ReplayReport report = replay.replay(selection);
                out.println(report);
                for (ReplayReport.Failure f : report.stillFailing()) {
                    out.println("  still failing: dead letter " + f.deadLetterOffset() + " (" + f.original() + ") "
                            + f.errorClass() + ": " + f.message());
                }
                return report.stillFailing().isEmpty() ? 0 : 1;
            }
        }
    }

    static void print(ConflictRecord r, PrintWriter out) {
        out.println("conflict   " + r.id() + "  (" + r.status() + ")");
        out.println("lane       " + r.lane() + "  (" + r.sourceSide() + " -> " + r.targetSide() + ")");
        out.println("table      " + r.sourceTable() + " -> " + r.targetTable() + ", " + r.operation() + ", key "
                + r.key().values());
        out.println("decision   " + r.decision() + " by " + r.strategy() + ": " + r.reason());
        out.println("kafka      " + r.sourceTopic() + "-" + r.sourcePartition() + "@" + r.sourceOffset());
        out.println("recorded   " + r.createdAt());
        if (r.resolvedAt() != null) {
            out.println("resolved   " + r.resolvedAt() + ": " + r.resolution());
        }
        row(out, "before", r.before());
        row(out, "incoming", r.incoming());
        row(out, "target", r.target());
        row(out, "merged", r.merged());
    }

    private static void row(PrintWriter out, String label, RowImage image) {
        out.printf("%-10s %s%n", label, image == null ? "(none)" : image.values());
    }
}
