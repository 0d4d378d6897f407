package dev.bisync.core.internal.echo;

import dev.bisync.api.ChangeEvent;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.EchoIdentity;

/**
 * Layer 2 of echo prevention: recognises, per event, a change that bisync itself wrote into the lane's source
 * database (a change the other lane applied), so that it is not applied back. Layer 1 (the connector drops such
 * changes at capture) makes this rare; layer 3 (equal rows are never written) ends any echo that both miss.
 */
public final class EchoFilter {

    private final Dialect sourceDialect;
    private final EchoIdentity echo;

    /** @param sourceDialect the dialect of the database the lane reads changes from */
    public EchoFilter(Dialect sourceDialect, EchoIdentity echo) {
        this.sourceDialect = sourceDialect;
        this.echo = echo;
    }

    /** Whether this change is bisync's own write. */
    public boolean isEcho(ChangeEvent event) {
        return sourceDialect.writers().isOwnWrite(event, echo);
    }
}
