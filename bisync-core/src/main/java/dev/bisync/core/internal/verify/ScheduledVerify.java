package dev.bisync.core.internal.verify;

import dev.bisync.api.config.SyncConfig;
import dev.bisync.api.config.VerifySchedule;
import dev.bisync.core.report.VerifyReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The verify a running sync makes by itself ({@link VerifySchedule}), on its own thread
 * ({@code bisync-<sync>-verify}): every table, one verify after another with the interval between them, the first
 * one an interval after the start. Its meters: {@code bisync.verify.runs} (by result: clean, drift, unsettled,
 * failed), {@code bisync.verify.rows} (side A's rows read), {@code bisync.verify.duration}, and the gauges
 * {@code bisync.verify.drifted} and {@code bisync.verify.unsettled} (rows, at the last verify) and
 * {@code bisync.verify.last} (when it ended, epoch seconds; 0 before the first). The watch raises
 * {@code VERIFY_DRIFT} while the last verify found drift ({@link #drifted}). Reads only; the lanes' own path is
 * untouched.
 */
public final class ScheduledVerify implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledVerify.class);

    private final SyncConfig config;
    private final VerifySchedule schedule;
    private final Thread thread;
    private final Counter rows;
    private final Timer duration;
    private final MeterRegistry registry;
    private final Tags tags;
    private final AtomicLong drifted = new AtomicLong();
    private final AtomicLong unsettled = new AtomicLong();
    private final AtomicLong last = new AtomicLong();
    private volatile boolean running = true;
    private volatile VerifyReport lastReport;

    public ScheduledVerify(SyncConfig config, MeterRegistry registry) {
        this.config = config;
        this.schedule = config.verifySchedule();
        this.registry = registry;
        this.tags = Tags.of("sync", config.name());
        this.rows = Counter.builder("bisync.verify.rows").description("side A's rows read by the scheduled verify")
                .tags(tags).register(registry);
        this.duration = Timer.builder("bisync.verify.duration").description("time of one scheduled verify")
                .tags(tags).register(registry);
        Gauge.builder("bisync.verify.drifted", drifted, AtomicLong::get)
                .description("rows drifted at the last scheduled verify").tags(tags).register(registry);
        Gauge.builder("bisync.verify.unsettled", unsettled, AtomicLong::get)
                .description("rows still changing at the last scheduled verify").tags(tags).register(registry);
        Gauge.builder("bisync.verify.last", last, AtomicLong::get)
                .description("when the last scheduled verify ended, epoch seconds").tags(tags).register(registry);
        this.thread = new Thread(this::run, "bisync-" + config.name() + "-verify");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Rows drifted at the last verify (0 before the first); any thread. */
    public long drifted() {
        return drifted.get();
    }

    /** The last verify's report, or null before the first; any thread. */
    public VerifyReport lastReport() {
        return lastReport;
    }

    private void run() {
        VerifyRun.Settings settings = new VerifyRun.Settings(List.of(), schedule.chunkRows(),
                schedule.captureAllowance(), Duration.ofSeconds(60), 5, Duration.ZERO);
        VerifyRun.VerifyListener listener = new VerifyRun.VerifyListener() {
            @Override
            public void rowsRead(long read) {
                rows.increment(read);
            }
        };
        while (running) {
            try {
                Thread.sleep(schedule.interval().toMillis());
                long started = System.nanoTime();
                VerifyReport report = new VerifyRun(config, settings, listener).run();
                duration.record(Duration.ofNanos(System.nanoTime() - started));
                lastReport = report;
                drifted.set(report.drift().size());
                unsettled.set(report.unsettled().size());
                last.set(System.currentTimeMillis() / 1000);
                String result = !report.drift().isEmpty() ? "drift" : report.unsettled().isEmpty() ? "clean"
                        : "unsettled";
                count(result);
                if (report.drift().isEmpty()) {
                    LOG.info("[{}] scheduled verify: {} ({} rows read in {} s)", config.name(), result,
                            report.rows(), report.took().toSeconds());
                } else {
                    LOG.warn("[{}] scheduled verify: {} row(s) drifted, e.g. {}; repair with bisync repair",
                            config.name(), report.drift().size(), report.drift().get(0));
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                count("failed");
                LOG.warn("[{}] scheduled verify failed: {}", config.name(), e.toString());
            }
        }
    }

    private void count(String result) {
        Counter.builder("bisync.verify.runs").description("scheduled verifies by result").tags(tags)
                .tag("result", result).register(registry).increment();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
