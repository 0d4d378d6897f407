/** Private API of bisync-core; may change in any release. */
package dev.bisync.core.internal;
