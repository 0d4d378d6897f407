/**
 * The lanes' read-only look at their source database: finding the values that capture sent in place of one the
 * source holds ({@link dev.bisync.core.internal.source.SubstitutionCheck}). Private API.
 */
package dev.bisync.core.internal.source;
