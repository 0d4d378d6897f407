package dev.bisync.core.internal.lane;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.util.Map;

/**
 * Notices, on a lane's consumer thread, that its consumer has had no connection to any broker for a while: the
 * consumer itself only keeps retrying quietly, so without this a lane whose brokers are gone would still say UP.
 * Reads the consumer's own {@code connection-count} metric, at most once a second; costs no request.
 */
final class BrokerWatch {

    /** The reason of a DEGRADED state this watch reports starts with this. */
    static final String REASON_PREFIX = "Kafka: ";
    private static final long CHECK_INTERVAL_MS = 1_000;
    private static final long GRACE_MS = 3_000;

    private final Consumer<?, ?> consumer;
    private long lastCheck;
    private long disconnectedSince;
    private boolean reported;

    BrokerWatch(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    /**
     * What changed: a reason when the consumer has been without a broker connection for {@value #GRACE_MS} ms, an
     * empty string when the connection is back after that was reported, null when there is nothing to report.
     */
    String check(long now) {
        if (now - lastCheck < CHECK_INTERVAL_MS) {
            return null;
        }
        lastCheck = now;
        if (connections() > 0) {
            disconnectedSince = 0;
            if (reported) {
                reported = false;
                return "";
            }
            return null;
        }
        disconnectedSince = disconnectedSince == 0 ? now : disconnectedSince;
        if (!reported && now - disconnectedSince >= GRACE_MS) {
            reported = true;
            return REASON_PREFIX + "no connection to any broker for " + (now - disconnectedSince) / 1000
                    + " s; the consumer keeps trying (check that the brokers of kafkaBootstrapServers run)";
        }
        return null;
    }

    private double connections() {
        for (Map.Entry<MetricName, ? extends Metric> e : consumer.metrics().entrySet()) {
            if (e.getKey().name().equals("connection-count") && e.getKey().group().equals("consumer-metrics")
                    && e.getValue().metricValue() instanceof Double count) {
                return count;
            }
        }
        return 1; // no such metric: assume connected rather than report what cannot be seen
    }
}
