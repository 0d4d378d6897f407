/** Echo prevention on consume (layer 2 of three). Private API. */
package dev.bisync.core.internal.echo;
