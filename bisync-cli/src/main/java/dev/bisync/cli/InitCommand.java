package dev.bisync.cli;

import dev.bisync.core.InitialSync;
import dev.bisync.core.report.InitReport;
import dev.bisync.core.report.RejectedRow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code bisync init --from SIDE | --both}: the initial copy, its progress line and its verification. */
@Command(name = "init", description = "Copy the existing rows before the lanes start (resumable), then compare "
        + "both sides table by table. Exit code 1 when a table differs (other than by rows the target refused), "
        + "2 when the target refused rows (listed) and nothing else differs.")
final class InitCommand implements Callable<Integer> {

    /** The exit code when every table was copied but the target refused some rows. */
    static final int COPIED_WITH_REJECTED_ROWS = 2;

    @ParentCommand
    BisyncCli root;
    @CommandLine.Spec
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
                .chunkRows(chunkRows).verify(!noVerify).bulkLoad(!noBulkLoad)
                .progress(Duration.ofSeconds(2), out::println);
        return print((both ? builder.both() : builder.from(from)).run(), out);
    }

    /**
     * Prints what the copy did and returns the exit code: 1 when a table differs other than by its refused rows,
     * else {@value #COPIED_WITH_REJECTED_ROWS} when the target refused rows, else 0.
     */
    static int print(InitReport report, PrintWriter out) {
        report.resumed().forEach(r -> out.println(r));
        report.rejected().forEach(r -> out.println("rejected: " + r));
        report.rejected().stream().map(RejectedRow::direction).distinct().forEach(lane -> out.println("the rows "
                + lane + " rejected are dead letters of that lane: fix the cause, then bisync dlq replay " + lane));
        report.mismatches().forEach(c -> out.println("differs: " + c));
        out.printf("%d of %d tables copied, %,d rows in %s, %,d rejected; %d table(s) compared, %d differ%n",
                report.tablesCopied(), report.tablesTotal(), report.rows(), report.took(),
                report.rejected().size(), report.checks().size(), report.mismatches().size());
        if (!report.unexplainedMismatches().isEmpty()) {
            return BisyncCli.FAILED;
        }
        return report.rejected().isEmpty() ? 0 : COPIED_WITH_REJECTED_ROWS;
    }
}
