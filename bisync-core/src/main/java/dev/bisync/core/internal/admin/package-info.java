/**
 * Manual conflict resolution, behind {@code dev.bisync.core.ConflictAdmin}: both databases opened as a lane's
 * target each ({@link dev.bisync.core.internal.admin.ResolutionSides}), a parked row conflict settled by writing the
 * chosen row to both ({@link dev.bisync.core.internal.admin.RowSettlement}), a parked foreign-key conflict settled
 * for the parent and its children as one ({@link dev.bisync.core.internal.admin.ReferenceSettlement}). Private API.
 */
package dev.bisync.core.internal.admin;
