package dev.bisync.examples;

import dev.bisync.spi.ConflictStrategy;
import dev.bisync.spi.ConflictStrategyProvider;

import java.util.List;

/**
 * The order-status rule, as a host application plugs its own rule into bisync: an order's status only moves
 * forward, {@code pending < paid < shipped < delivered}, whatever the timestamps say; when both sides hold the same
 * status, the row with the later {@code updated_at} wins; on equal timestamps, the priority side.
 *
 * <p>In code: {@code SyncConfig.builder().conflictStrategy("orders", OrderStatusRule.strategy())}. In a
 * configuration file ({@code bisync} command line): {@code conflict.strategy.orders=order-status} — this class is
 * registered in {@code META-INF/services/dev.bisync.spi.ConflictStrategyProvider}.
 */
public final class OrderStatusRule implements ConflictStrategyProvider {

    /** The statuses, lowest first. */
    public static final List<String> STATUSES = List.of("pending", "paid", "shipped", "delivered");

    /** The rule. */
    public static ConflictStrategy strategy() {
        return ConflictStrategy.ranked("status", STATUSES)
                .orElse(ConflictStrategy.lastWriteWins("updated_at"))
                .orElse(ConflictStrategy.sidePriority());
    }

    @Override
    public String name() {
        return "order-status";
    }

    @Override
    public ConflictStrategy create(String argument) {
        if (!argument.isEmpty()) {
            throw new IllegalArgumentException("order-status takes no argument, got '" + argument + "'");
        }
        return strategy();
    }
}
