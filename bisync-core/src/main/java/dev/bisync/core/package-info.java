/** The bisync engine. */
package dev.bisync.core;
