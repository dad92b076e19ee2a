package dev.wenku.extraction;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How {@link DocumentExtractor} runs its worker JVMs.
 *
 * @param workers       number of worker JVMs, which is also the number of parses that can run at once
 * @param timeout       longest time one parse may take before its worker is killed
 * @param queueTimeout  longest time a call waits for a free worker before it gives up as {@code BUSY}. Apart
 *                      from the parse timeout: a call queued behind others waits their parses out, so tying the
 *                      two would refuse good files whenever a few arrive together
 * @param maxHeap       heap of each worker JVM, in {@code -Xmx} syntax, e.g. {@code "256m"}
 * @param maxTextChars  longest text returned; a document with more text is refused as too large
 * @param maxInputBytes largest file accepted; larger ones are refused before any parse starts
 */
public record ExtractionSettings(int workers, Duration timeout, Duration queueTimeout, String maxHeap,
                                 int maxTextChars, long maxInputBytes) {

    private static final Pattern HEAP_SIZE = Pattern.compile("\\d+[kKmMgG]?");

    public ExtractionSettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(queueTimeout, "queueTimeout");
        Objects.requireNonNull(maxHeap, "maxHeap");
        if (workers < 1) throw new IllegalArgumentException("workers must be at least 1: " + workers);
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
        if (queueTimeout.isNegative()) throw new IllegalArgumentException("queueTimeout must not be negative: " + queueTimeout);
        if (!HEAP_SIZE.matcher(maxHeap).matches()) throw new IllegalArgumentException("maxHeap is not an -Xmx size: " + maxHeap);
        if (maxTextChars < 1) throw new IllegalArgumentException("maxTextChars must be positive: " + maxTextChars);
        if (maxInputBytes < 1) throw new IllegalArgumentException("maxInputBytes must be positive: " + maxInputBytes);
    }

    /**
     * Two workers of 256 MB heap, 20 s per parse, a minute's wait for a free worker, 5 million characters of text,
     * 50 MiB per file.
     */
    public static ExtractionSettings defaults() {
        return new ExtractionSettings(2, Duration.ofSeconds(20), Duration.ofMinutes(1), "256m", 5_000_000,
            50L * 1024 * 1024);
    }
}
