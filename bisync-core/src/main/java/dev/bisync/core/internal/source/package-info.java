/**
 * The lanes' read-only look at their source database: one session for the rare reads made there
 * ({@link dev.bisync.core.internal.source.SourceSession}), and finding the values that capture sent in place of one
 * the source holds ({@link dev.bisync.core.internal.source.SubstitutionCheck}). Private API.
 */
package dev.bisync.core.internal.source;
