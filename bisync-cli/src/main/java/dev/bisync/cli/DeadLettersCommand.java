package dev.bisync.cli;

import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.DeadLetterReplay;
import dev.bisync.core.ReplayReport;
import dev.bisync.core.ReplaySelection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code bisync dlq ...}. */
@Command(name = "dlq", description = "The lanes' dead-letter topics.", subcommands = {DeadLettersCommand.Replay.class})
final class DeadLettersCommand {

    @ParentCommand
    BisyncCli root;

    @Command(name = "replay", description = "Re-apply a lane's dead letters once their cause is fixed; each record is "
            + "applied at most once, however often you replay.")
    static final class Replay implements Callable<Integer> {
        @ParentCommand
        DeadLettersCommand parent;
        @CommandLine.Spec
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
                return report.stillFailing().isEmpty() ? 0 : BisyncCli.FAILED;
            }
        }
    }
}
