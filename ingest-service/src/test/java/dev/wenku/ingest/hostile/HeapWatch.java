package dev.wenku.ingest.hostile;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.List;

/**
 * Samples the heap of this JVM (where the service under test runs) while hostile uploads go in: the highest heap use
 * seen, and the highest heap still in use right after a garbage collection, which is what the service really keeps.
 */
final class HeapWatch implements AutoCloseable {

    private static final long MB = 1024 * 1024;

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peakUsed;
    private volatile long peakAfterCollection;

    HeapWatch(Duration interval) {
        sampler = Thread.ofPlatform().daemon().name("heap-watch").start(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Heap in use after a full collection, in MB: what is really retained. */
    static long retainedMb() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MB;
    }

    static long maxHeapMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / MB;
    }

    long peakUsedMb() {
        return peakUsed / MB;
    }

    long peakAfterCollectionMb() {
        return peakAfterCollection / MB;
    }

    private void sample() {
        long used = 0;
        long afterCollection = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            used += pool.getUsage().getUsed();
            MemoryUsage collected = pool.getCollectionUsage();
            afterCollection += collected == null ? 0 : collected.getUsed();
        }
        peakUsed = Math.max(peakUsed, used);
        peakAfterCollection = Math.max(peakAfterCollection, afterCollection);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
        sample();
    }
}
