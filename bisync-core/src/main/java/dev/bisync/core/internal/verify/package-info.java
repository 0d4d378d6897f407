/**
 * Online verify, private API: both sides of a sync compared while the lanes run, in key-range chunks with the
 * initial copy's canonical checksums ({@code internal.init.RowDigest}); differing chunks narrowed to keys, and each
 * key re-read once the lanes have applied everything captured before it was read, so that changes in flight are not
 * taken for drift. Used by {@code dev.bisync.core.OnlineVerify} and {@code Repair}.
 */
package dev.bisync.core.internal.verify;
