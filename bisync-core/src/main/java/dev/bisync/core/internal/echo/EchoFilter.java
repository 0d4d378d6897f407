package dev.bisync.core.internal.echo;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.RowImage;
import dev.bisync.core.internal.tables.OwnTable;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.EchoIdentity;

/**
 * Layer 2 of echo prevention: recognises, per event, a change that bisync itself wrote into the lane's source
 * database (a change the other lane applied), so that it is not applied back. Layer 1 (the connector drops such
 * changes at capture) makes this rare; layer 3 (equal rows are never written) ends any echo that both miss.
 *
 * <p>Two kinds of mark: the dialect's session mark, carried by each event ({@link #isEcho}); and marker rows
 * ({@link dev.bisync.api.config.EchoMarking#MARKER_ROWS}), one captured change per transaction
 * ({@link #isMarker}, {@link #isOwnMarker}) that makes every change of that transaction an echo, once the lane
 * holds the transaction whole.
 */
public final class EchoFilter {

    private final Dialect sourceDialect;
    private final EchoIdentity echo;
    private final String sourceNamespace;

    /**
     * @param sourceDialect   the dialect of the database the lane reads changes from
     * @param sourceNamespace the namespace of the lane's source tables, where the marker table is
     */
    public EchoFilter(Dialect sourceDialect, EchoIdentity echo, String sourceNamespace) {
        this.sourceDialect = sourceDialect;
        this.echo = echo;
        this.sourceNamespace = sourceNamespace;
    }

    /** Whether this change carries bisync's session mark. */
    public boolean isEcho(ChangeEvent event) {
        return sourceDialect.writers().isOwnWrite(event, echo);
    }

    /** Whether this change is a marker row's (of any sync): bisync's bookkeeping, never applied. */
    public boolean isMarker(ChangeEvent event) {
        return event.table().name().equals(OwnTable.ECHO_MARKS.name())
                && event.table().namespace().equals(sourceNamespace);
    }

    /** Whether this change is a marker row of this sync: every change of its transaction is bisync's own. */
    public boolean isOwnMarker(ChangeEvent event) {
        if (!isMarker(event)) {
            return false;
        }
        RowImage row = event.image();
        return row != null && echo.name().equals(row.get("echo"));
    }
}
