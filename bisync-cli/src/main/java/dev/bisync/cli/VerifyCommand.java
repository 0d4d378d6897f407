package dev.bisync.cli;

import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.OnlineVerify;
import dev.bisync.core.report.DriftedRow;
import dev.bisync.core.report.VerifyReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bisync verify [--table T]…}: compares both sides while the lanes run; lists the rows that drifted. */
@Command(name = "verify", description = "Compare both sides while the lanes run, in key-range chunks; a differing "
        + "row is read again once the lanes have applied what was in flight. Exit code 0 when both sides hold the "
        + "same rows, 1 when rows drifted (listed with both sides' rows), 3 when rows kept changing and could not "
        + "be settled (listed).")
final class VerifyCommand implements Callable<Integer> {

    /** The exit code when nothing drifted but some rows could not be settled. */
    static final int UNSETTLED = 3;

    @ParentCommand
    BisyncCli root;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--table", paramLabel = "T", description = "compare this table (repeatable; default: all)")
    List<String> tables = List.of();
    @Option(names = "--chunk-rows", description = "rows per chunk (default: verify.chunk-rows, 5000)")
    Integer chunkRows;
    @Option(names = "--capture-allowance", paramLabel = "SECONDS", description = "how long a committed change may "
            + "take to reach Kafka (default: verify.capture-allowance, 2 s)")
    Integer allowanceSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return print(builder(root.loadConfig(), tables, chunkRows, allowanceSeconds)
                .progress(Duration.ofSeconds(2), out::println).run(), out);
    }

    /** A verify of these tables, with the options given (null: the configuration's). */
    static OnlineVerify.Builder builder(SyncConfig config, List<String> tables, Integer chunkRows,
            Integer allowanceSeconds) {
        OnlineVerify.Builder builder = OnlineVerify.builder(config).tables(tables);
        if (chunkRows != null) {
            builder.chunkRows(chunkRows);
        }
        if (allowanceSeconds != null) {
            builder.captureAllowance(Duration.ofSeconds(allowanceSeconds));
        }
        return builder;
    }

    /** Prints the findings and returns the exit code. */
    static int print(VerifyReport report, PrintWriter out) {
        for (DriftedRow row : report.drift()) {
            out.println("drift: " + row);
        }
        for (DriftedRow row : report.unsettled()) {
            out.println("unsettled: " + row);
        }
        for (VerifyReport.TableVerification t : report.tables()) {
            out.printf("table %s: %,d and %,d rows, %,d chunk(s), %,d differing at first reading, %,d row(s) "
                    + "drifted%n", t.table(), t.rowsA(), t.rowsB(), t.chunks(), t.chunksDiffering(), t.drifted());
        }
        out.printf("%d table(s) compared, %,d rows read in %.1f s: %d row(s) drifted, %d unsettled%n",
                report.tables().size(), report.rows(), report.took().toMillis() / 1000.0, report.drift().size(),
                report.unsettled().size());
        if (!report.drift().isEmpty()) {
            return BisyncCli.FAILED;
        }
        return report.unsettled().isEmpty() ? 0 : UNSETTLED;
    }
}
