/** Stage 1 of a lane, consume: the lane's Kafka consumer. Private API. */
package dev.bisync.core.internal.consume;
