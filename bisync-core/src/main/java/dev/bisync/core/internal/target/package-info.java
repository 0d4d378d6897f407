/** Access to a lane's target database: dialect choice, metadata cache, the writer session. Private API. */
package dev.bisync.core.internal.target;
