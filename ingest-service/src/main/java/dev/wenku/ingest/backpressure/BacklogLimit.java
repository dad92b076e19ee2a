package dev.wenku.ingest.backpressure;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many documents bulk work may leave on their way through the pipeline: as many as the pipeline consumes in
 * {@code wait}, so an editor's upload queued behind them waits about that long whatever the pipeline's pace (a fixed
 * count would be a second's wait at full speed, but ten while the services are still warming up). The pace is the
 * documents the pipeline's last stage consumed over the last {@link #WINDOW}, from successive readings of its
 * committed offsets. Bounded below, so a pipeline that has not consumed anything yet gets work, and so that bulk work
 * keeps every stage busy (a stage batches what is queued: the pace it shows grows with the backlog it is given, as
 * long as {@code wait} is longer than a document's trip through an idle pipeline); bounded above, for memory.
 */
final class BacklogLimit {

    static final Duration WINDOW = Duration.ofSeconds(10);
    /** Readings closer than this say nothing about the pace: offsets are committed a batch at a time. */
    private static final Duration SHORTEST_SPAN = Duration.ofSeconds(2);

    private record Reading(long nanos, long consumed) {
    }

    private final Duration wait;
    private final long min;
    private final long max;
    private final Deque<Reading> readings = new ArrayDeque<>();

    BacklogLimit(Duration wait, long min, long max) {
        this.wait = wait;
        this.min = min;
        this.max = max;
    }

    /**
     * The limit now.
     *
     * @param nanos    when the reading was taken ({@link System#nanoTime()})
     * @param consumed documents the last stage has consumed in total (its committed offsets), or -1 when unknown
     */
    synchronized long limit(long nanos, long consumed) {
        if (consumed < 0) {
            readings.clear();
            return min;
        }
        if (!readings.isEmpty() && consumed < readings.peekLast().consumed()) {
            readings.clear(); // another group or a recreated topic: start the pace again
        }
        readings.addLast(new Reading(nanos, consumed));
        while (readings.size() > 2 && nanos - readings.peekFirst().nanos() > WINDOW.toNanos()) {
            readings.removeFirst();
        }
        Reading first = readings.peekFirst();
        long span = nanos - first.nanos();
        if (span < SHORTEST_SPAN.toNanos()) {
            return min;
        }
        double perSecond = (consumed - first.consumed()) * 1e9 / span;
        long allowed = Math.round(perSecond * wait.toNanos() / 1e9);
        return Math.clamp(allowed, min, max);
    }
}
