package dev.bisync.core.internal.lane;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lane's meters, tagged {@code sync} and {@code lane}: {@code bisync.events} by {@code table} and
 * {@code outcome}, {@code bisync.conflicts} by {@code table} and {@code decision}, {@code bisync.batch.size},
 * {@code bisync.batch.duration}, {@code bisync.latency} (source commit to target commit, with percentiles),
 * {@code bisync.retries}, {@code bisync.values.substituted} by {@code table}, and {@code bisync.consumed}: the
 * records of committed batches, each of which is counted in exactly one {@code bisync.events} outcome. Also keeps
 * plain totals for the accounting check.
 */
public final class LaneMetrics {

    private final MeterRegistry registry;
    private final Tags tags;
    private final Map<String, Map<Outcome, Counter>> events = new HashMap<>();
    private final Map<String, Counter> conflicts = new HashMap<>();
    private final DistributionSummary batchSize;
    private final Timer batchDuration;
    private final Timer latency;
    private final Counter retries;
    private final Counter consumed;
    private final Counter splitTransactions;
    private final Map<String, Counter> substituted = new HashMap<>();
    private final AtomicLong substitutedTotal = new AtomicLong();
    private final AtomicLong consumedTotal = new AtomicLong();
    private final AtomicLong retriesTotal = new AtomicLong();
    private final AtomicLongArray totals = new AtomicLongArray(Outcome.values().length);
    private final AtomicLong lastSourceCommit = new AtomicLong();
    private final List<Gauge> gauges = new ArrayList<>();

    public LaneMetrics(MeterRegistry registry, String sync, String lane) {
        this.registry = registry;
        this.tags = Tags.of("sync", sync, "lane", lane);
        this.batchSize = DistributionSummary.builder("bisync.batch.size").baseUnit("records")
                .description("records per applied batch").tags(tags).register(registry);
        this.batchDuration = Timer.builder("bisync.batch.duration").description("time to resolve and apply a batch")
                .tags(tags).register(registry);
        this.latency = Timer.builder("bisync.latency")
                .description("source commit to target commit, per applied change")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram(false)
                .distributionStatisticExpiry(Duration.ofMinutes(2)).tags(tags).register(registry);
        this.retries = Counter.builder("bisync.retries").description("batch attempts that failed and were retried")
                .tags(tags).register(registry);
        this.splitTransactions = Counter.builder("bisync.transactions.split")
                .description("source transactions applied in pieces (too large, or events missing)")
                .tags(tags).register(registry);
        this.consumed = Counter.builder("bisync.consumed")
                .description("records of committed batches; each is counted once in bisync.events by outcome")
                .tags(tags).register(registry);
    }

    /** Counts the records of a committed batch (after their outcomes). */
    public void consumed(int records) {
        consumed.increment(records);
        consumedTotal.addAndGet(records);
    }

    /** Records of committed batches since the lane started. */
    public long consumedTotal() {
        return consumedTotal.get();
    }

    /** Counts one record's outcome. */
    public void count(String table, Outcome outcome) {
        events.computeIfAbsent(table, t -> new EnumMap<>(Outcome.class))
                .computeIfAbsent(outcome, o -> Counter.builder("bisync.events").description("consumed records by outcome")
                        .tags(tags).tag("table", table).tag("outcome", o.tag()).register(registry))
                .increment();
        totals.incrementAndGet(outcome.ordinal());
    }

    /**
     * Counts a change refused because capture sent a value in place of the source's ({@code bisync.values.substituted}
     * by {@code table}; the change is also counted as dead-lettered in {@code bisync.events}).
     */
    public void substituted(String table) {
        substituted.computeIfAbsent(table, t -> Counter.builder("bisync.values.substituted")
                .description("changes refused because capture sent a value in place of the source's (a zero or "
                        + "invalid date as NULL or 1970-01-01, an ENUM or SET label with ?, an interval infinity as zero)").tags(tags).tag("table", t).register(registry))
                .increment();
        substitutedTotal.incrementAndGet();
    }

    /** Changes refused since the lane started because capture sent a value in place of the source's. */
    public long substitutedTotal() {
        return substitutedTotal.get();
    }

    /** Counts a conflict decision. */
    public void conflict(String table, String decision) {
        conflicts.computeIfAbsent(table + '\u0000' + decision, k -> Counter.builder("bisync.conflicts")
                .description("conflicts by decision").tags(tags).tag("table", table).tag("decision", decision)
                .register(registry)).increment();
    }

    /** Records an applied batch. */
    public void batch(int records, long nanos) {
        batchSize.record(records);
        batchDuration.record(Duration.ofNanos(nanos));
    }

    /**
     * Registers the lane's lag gauges {@code bisync.lag.records} (NaN while the lane does not know its lag) and
     * {@code bisync.lag.seconds}.
     */
    public void lagGauges(Lane lane) {
        // NaN, not 0, while the lane does not know it (no partitions assigned yet): 0 would say "caught up"
        gauges.add(Gauge.builder("bisync.lag.records", lane, l -> l.lagRecords() < 0 ? Double.NaN : l.lagRecords())
                .baseUnit("records")
                .description("records waiting in the lane's topics: not yet fetched, or fetched and not yet applied")
                .tags(tags).strongReference(true).register(registry));
        gauges.add(Gauge.builder("bisync.lag.seconds", lane, Lane::lagSeconds).baseUnit("seconds")
                .description("how far behind its source the lane is (0 when caught up)").tags(tags)
                .strongReference(true).register(registry));
    }

    /** Removes the gauges bound to the stopped lane (a sync started again in the same registry binds new ones). */
    public void removeGauges() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }

    /** Notes the source commit time of an applied or decided change. */
    public void sourceCommit(long epochMillis) {
        lastSourceCommit.accumulateAndGet(epochMillis, Math::max);
    }

    /** The source commit time of the newest change the lane has dealt with, or 0. */
    public long lastSourceCommitMillis() {
        return lastSourceCommit.get();
    }

    /** Records one change's end-to-end latency. */
    public void latency(long millis) {
        latency.record(Duration.ofMillis(Math.max(0, millis)));
    }

    /** Counts a source transaction applied in pieces rather than in one target transaction. */
    public void splitTransaction() {
        splitTransactions.increment();
    }

    /** Counts a retried attempt. */
    public void retry() {
        retries.increment();
        retriesTotal.incrementAndGet();
    }

    /** Batch attempts retried since the lane started (transient failures and changes failing for their data). */
    public long retriesTotal() {
        return retriesTotal.get();
    }

    /** Records counted with this outcome since the lane started. */
    public long total(Outcome outcome) {
        return totals.get(outcome.ordinal());
    }
}
