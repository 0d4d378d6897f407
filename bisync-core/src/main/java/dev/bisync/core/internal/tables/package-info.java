/**
 * bisync's own tables (offsets, conflicts, replay marks, the initial copy's progress, resume points and refused
 * rows), declared once: their DDL and their statements' column lists come from {@link
 * dev.bisync.core.internal.tables.OwnTable}; a dialect only names the column kinds and the upsert syntax.
 */
package dev.bisync.core.internal.tables;
