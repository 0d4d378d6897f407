/**
 * A sync's configuration: {@link dev.bisync.api.config.SyncConfig} (built once, every problem reported at once in a
 * {@link dev.bisync.api.config.ConfigException}), its two sides ({@link dev.bisync.api.config.SideConfig},
 * {@link dev.bisync.api.config.DatabaseConfig}), its alert rules ({@link dev.bisync.api.config.AlertRules}) and
 * foreign-key rules ({@link dev.bisync.api.config.ReferenceRule}). It holds the host's extension points
 * ({@code dev.bisync.spi}), which take the event model ({@code dev.bisync.api}): the three packages depend on each
 * other in that one direction.
 */
package dev.bisync.api.config;
