package dev.bisync.core.internal.init;

import dev.bisync.api.config.SideConfig;
import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.TableMapper;

/**
 * One direction of an initial copy.
 *
 * @param run           the progress table's name for it: the name of the lane of the same direction
 * @param source        the side rows are read from
 * @param target        the side rows are written to (its {@code bisync_init_progress} records the progress)
 * @param sourceDialect the source's dialect
 * @param targetDialect the target's dialect
 * @param mapper        the sync's table mapper (as the lanes use it)
 * @param fillOnly      whether rows whose key the target already holds are left as they are (both-ways fill)
 *                      rather than overwritten
 */
public record CopyDirection(String run, SideConfig source, SideConfig target, Dialect sourceDialect,
        Dialect targetDialect, TableMapper mapper, boolean fillOnly) {

    public TableId sourceTable(String name) {
        return new TableId(source.namespace(), name);
    }

    public TableId targetTable(String name) {
        return mapper.targetTable(sourceTable(name), target.namespace());
    }
}
