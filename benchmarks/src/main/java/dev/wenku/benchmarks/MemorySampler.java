package dev.wenku.benchmarks;

import dev.wenku.infrastructure.launcher.PlatformMemory;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples the platform's resident memory every second while the load runs and keeps the peak. */
final class MemorySampler implements AutoCloseable {

    private final LocalPlatform platform;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "memory-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private PlatformMemory.Sample peak;

    MemorySampler(LocalPlatform platform) {
        this.platform = platform;
        record(PlatformMemory.sample(platform));
        schedule.scheduleAtFixedRate(() -> record(PlatformMemory.sample(platform)), 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void record(PlatformMemory.Sample sample) {
        if (peak == null || sample.total() > peak.total()) {
            peak = sample;
        }
    }

    /** The largest sample so far, including one taken now. */
    synchronized PlatformMemory.Sample peak() {
        record(PlatformMemory.sample(platform));
        return peak;
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
