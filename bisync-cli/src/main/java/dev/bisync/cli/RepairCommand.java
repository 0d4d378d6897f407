package dev.bisync.cli;

import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.Repair;
import dev.bisync.core.report.RepairedRow;
import dev.bisync.core.report.VerifyReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bisync repair --take SIDE|rule [--table T]… [--dry-run]}: verify, then repair the rows that drifted. */
@Command(name = "repair", description = "Verify (as bisync verify does), then write the chosen side's row of each "
        + "drifted row to the other side through bisync's echo-marked writer, in foreign-key order, recorded in "
        + "bisync_conflicts as a resolution. Exit code 0 when nothing drifted or all was repaired, 3 when rows "
        + "could not be settled (not repaired).")
final class RepairCommand implements Callable<Integer> {

    @ParentCommand
    BisyncCli root;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--take", required = true, paramLabel = "SIDE|rule",
            description = "whose rows to keep: a side's name (e.g. mariadb, postgres), or rule (the table's conflict "
                    + "strategy decides)")
    String take;
    @Option(names = "--table", paramLabel = "T", description = "repair this table (repeatable; default: all)")
    List<String> tables = List.of();
    @Option(names = "--dry-run", description = "print what would be written; write nothing")
    boolean dryRun;
    @Option(names = "--chunk-rows", description = "rows per chunk (default: verify.chunk-rows, 5000)")
    Integer chunkRows;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SyncConfig config = root.loadConfig();
        if (!List.of(config.sideA().name(), config.sideB().name(), "rule").contains(take)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--take " + take + ": give "
                    + config.sideA().name() + ", " + config.sideB().name() + " or rule");
        }
        VerifyReport report = VerifyCommand.builder(config, tables, chunkRows, null)
                .progress(Duration.ofSeconds(2), out::println).run();
        VerifyCommand.print(report, out);
        if (report.drift().isEmpty()) {
            out.println("nothing to repair");
            return report.unsettled().isEmpty() ? 0 : VerifyCommand.UNSETTLED;
        }
        List<RepairedRow> repaired;
        try (Repair repair = Repair.open(config)) {
            repaired = repair.repair(report.drift(), take, dryRun);
        }
        repaired.forEach(r -> out.println((dryRun ? "would " : "repaired: ") + r));
        out.printf("%s %d row(s)%n", dryRun ? "dry run: would write" : "repaired", repaired.stream()
                .filter(r -> r.writtenTo() != null).count());
        return report.unsettled().isEmpty() ? 0 : VerifyCommand.UNSETTLED;
    }
}
