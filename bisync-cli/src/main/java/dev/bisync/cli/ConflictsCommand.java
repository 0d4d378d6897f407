package dev.bisync.cli;

import dev.bisync.api.RowImage;
import dev.bisync.core.ConflictAdmin;
import dev.bisync.core.report.ConflictRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bisync conflicts list | show ID | resolve ID --take ... | replay ID}, on {@link ConflictAdmin}. */
@Command(name = "conflicts", description = "List, show and resolve the conflicts the lanes recorded.",
        subcommands = {ConflictsCommand.ListConflicts.class, ConflictsCommand.ShowConflict.class,
                ConflictsCommand.ResolveConflict.class, ConflictsCommand.ReplayConflict.class})
final class ConflictsCommand {

    @ParentCommand
    BisyncCli root;

    /** A subcommand that works on both sides' conflict records. */
    abstract static class OnAdmin implements Callable<Integer> {
        @ParentCommand
        ConflictsCommand parent;
        @CommandLine.Spec
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
    static final class ListConflicts extends OnAdmin {
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
    static final class ShowConflict extends OnAdmin {
        @Parameters(paramLabel = "ID", description = "the conflict, <side>:<number> as 'list' shows it")
        String id;

        @Override
        int run(ConflictAdmin admin, PrintWriter out) throws Exception {
            print(admin.show(id), out);
            return 0;
        }
    }

    @Command(name = "resolve", description = "Resolve a parked conflict: write the chosen row to both sides.")
    static final class ResolveConflict extends OnAdmin {
        @Parameters(paramLabel = "ID", description = "the conflict, <side>:<number>")
        String id;
        @Option(names = "--take", required = true, paramLabel = "source|target|merged",
                description = "source: the parked change's row; target: the target's current row; merged: the "
                        + "target's row with the columns the change changed")
        String take;
        private ConflictAdmin.Take which;

        /** A bad {@code --take} is bad usage, told before connecting to either database. */
        @Override
        public Integer call() throws Exception {
            try {
                which = ConflictAdmin.Take.valueOf(take.trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--take must be source, target or merged, "
                        + "not '" + take + "'");
            }
            return super.call();
        }

        @Override
        int run(ConflictAdmin admin, PrintWriter out) throws Exception {
            ConflictRecord r = admin.resolve(id, which);
            out.println("resolved " + r.id() + " (" + r.resolution() + "): both sides now hold the same row");
            return 0;
        }
    }

    @Command(name = "replay", description = "Decide a parked conflict again with the table's configured strategy.")
    static final class ReplayConflict extends OnAdmin {
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
