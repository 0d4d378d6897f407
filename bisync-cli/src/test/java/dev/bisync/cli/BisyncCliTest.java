package dev.bisync.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line's usage and exit codes where no database is needed: bad usage and bad configuration exit with 64
 * before anything connects, a failure with 1 and its reason. The commands against real databases: CommandLineIT.
 */
class BisyncCliTest {

    /** A valid configuration whose databases nothing listens for (port 1). */
    private static final String UNREACHABLE = String.join("\n",
            "name=unit",
            "kafka.bootstrap.servers=127.0.0.1:1",
            "side.a.name=mariadb",
            "side.a.jdbc-url=jdbc:mysql://127.0.0.1:1/app",
            "side.a.user=bisync",
            "side.a.password=s3cret-a",
            "side.a.namespace=app",
            "side.a.topic-prefix=unitmaria",
            "side.a.tables=orders",
            "side.b.name=postgres",
            "side.b.jdbc-url=jdbc:postgresql://127.0.0.1:1/app",
            "side.b.user=bisync",
            "side.b.password=s3cret-b",
            "side.b.namespace=public",
            "side.b.topic-prefix=unitpg",
            "side.b.tables=orders") + "\n";

    @TempDir
    Path dir;

    @Test
    void helpListsTheCommandsAndExitsWithZero() {
        String help = cli(0, "--help");
        assertTrue(help.contains("Usage: bisync") && help.contains("conflicts") && help.contains("dlq")
                && help.contains("init"), help);
    }

    @Test
    void anUnknownCommandIsBadUsage() {
        String printed = cli(BisyncCli.USAGE, "nope");
        assertTrue(printed.contains("Unmatched argument at index 0: 'nope'") && printed.contains("Usage: bisync"),
                printed);
    }

    @Test
    void initNeedsEitherFromOrBothAndSaysSoBeforeReadingTheConfiguration() {
        String neither = cli(BisyncCli.USAGE, "--config", "/nonexistent", "init");
        assertTrue(neither.contains("give either --from SIDE or --both"), neither);
        String both = cli(BisyncCli.USAGE, "--config", "/nonexistent", "init", "--from", "mariadb", "--both");
        assertTrue(both.contains("give either --from SIDE or --both"), both);
    }

    @Test
    void aMissingConfigurationFileFailsNamingTheFile() {
        String printed = cli(BisyncCli.FAILED, "--config", "/nonexistent", "conflicts", "list");
        assertEquals("bisync: java.nio.file.NoSuchFileException: /nonexistent", printed.strip());
    }

    @Test
    void aConfigurationWithProblemsListsThemAndIsBadUsage() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.properties"), UNREACHABLE + "side.a.colour=blue\n"
                + "bogus.key=1\n");
        String printed = cli(BisyncCli.USAGE, "--config", file.toString(), "conflicts", "list");
        assertTrue(printed.startsWith("bisync: the configuration has problems:\n"), printed);
        assertTrue(printed.contains("  - ") && printed.contains("side.a.colour") && printed.contains("bogus.key"),
                "every problem, each on its line: " + printed);
    }

    @Test
    void resolveWithoutOrWithABadTakeIsBadUsageBeforeConnecting() throws IOException {
        Path file = Files.writeString(dir.resolve("bisync.properties"), UNREACHABLE);
        String missing = cli(BisyncCli.USAGE, "--config", file.toString(), "conflicts", "resolve", "postgres:1");
        assertTrue(missing.contains("Missing required option: '--take=source|target|merged'"), missing);
        String bad = cli(BisyncCli.USAGE, "--config", file.toString(), "conflicts", "resolve", "postgres:1",
                "--take", "mine");
        assertTrue(bad.contains("--take must be source, target or merged, not 'mine'"), bad);
    }

    @Test
    void dlqReplayOfALaneTheSyncLacksIsBadUsageNamingItsLanes() throws IOException {
        Path file = Files.writeString(dir.resolve("bisync.properties"), UNREACHABLE);
        String printed = cli(BisyncCli.USAGE, "--config", file.toString(), "dlq", "replay", "mariadb-to-mysql");
        assertTrue(printed.contains("no lane 'mariadb-to-mysql': the lanes are [mariadb-to-postgres, "
                + "postgres-to-mariadb]"), printed);
    }

    @Test
    void aDatabaseThatCannotBeReachedFailsWithOneAndNoPassword() throws IOException {
        Path file = Files.writeString(dir.resolve("bisync.properties"), UNREACHABLE);
        String printed = cli(BisyncCli.FAILED, "--config", file.toString(), "conflicts", "list");
        assertTrue(printed.startsWith("bisync: ") && !printed.contains("No suitable driver"),
                "a dialect's driver tried to connect: " + printed);
        assertFalse(printed.contains("s3cret"), printed);
    }

    /** Runs {@code bisync} with the arguments, asserts its exit code, returns what it printed (out, then err). */
    static String cli(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = BisyncCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        String printed = out + err.toString();
        assertEquals(expectedExit, exit, printed);
        return printed;
    }
}
