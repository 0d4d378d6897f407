/**
 * The {@code bisync} command line, {@link dev.bisync.cli.BisyncCli}: parses arguments, calls bisync-core's façade
 * and prints what it reports. Every class here but {@code BisyncCli} is package-private.
 */
package dev.bisync.cli;
