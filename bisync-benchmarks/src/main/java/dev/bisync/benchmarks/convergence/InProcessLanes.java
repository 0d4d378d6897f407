package dev.bisync.benchmarks.convergence;

import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.BiSync;
import dev.bisync.core.LaneAccounting;

import java.time.Duration;
import java.util.List;

/** The lanes in this JVM, through {@link BiSync}. */
final class InProcessLanes implements Lanes {

    private final SyncConfig config;
    private BiSync sync;

    InProcessLanes(SyncConfig config) {
        this.config = config;
    }

    @Override
    public void start() throws InterruptedException {
        sync = BiSync.builder(config).start();
        sync.awaitUp(Duration.ofSeconds(120));
    }

    @Override
    public void killAndRestart() {
        throw new UnsupportedOperationException("lanes in this JVM cannot be killed; run them in their own JVM");
    }

    @Override
    public List<String> accounting() {
        return sync == null ? List.of() : sync.accounting().stream().map(LaneAccounting::toString).toList();
    }

    @Override
    public void close() {
        if (sync != null) {
            sync.close();
        }
    }
}
