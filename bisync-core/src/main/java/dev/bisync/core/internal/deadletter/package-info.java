/** The dead-letter topic of a lane. Private API. */
package dev.bisync.core.internal.deadletter;
