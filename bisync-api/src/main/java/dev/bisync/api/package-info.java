/** The bisync event model and configuration types. */
package dev.bisync.api;
