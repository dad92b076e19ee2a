package dev.wenku.operations.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wenku.support.kafka.ConsumerLag.Lag;
import dev.wenku.operations.overview.BacklogDrain.GroupBacklog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacklogDrainTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private final BacklogDrain drain = new BacklogDrain();

    @Test
    void aShrinkingBacklogIsDrainedWhenItsLagIsConsumedAtTheNetPace() {
        GroupBacklog first = drain.record(START, List.of(lag("analysis", 0, 1_000, 10_000),
            lag("analysis", 1, 1_000, 10_000))).getFirst();
        assertEquals(18_000, first.lag(), "both partitions");
        assertNull(first.drainSeconds(), "one read gives no pace yet");

        // In 30 s the group committed 6,000 records while 1,500 more arrived: 9,000/min net.
        GroupBacklog later = drain.record(START.plusSeconds(30), List.of(lag("analysis", 0, 4_000, 10_750),
            lag("analysis", 1, 4_000, 10_750))).getFirst();
        assertEquals(13_500, later.lag());
        assertEquals(12_000, later.consumedPerMinute(), 1e-9);
        assertEquals(3_000, later.producedPerMinute(), 1e-9);
        assertEquals(90, later.drainSeconds(), 1e-9, "13,500 records at 9,000 a minute");
    }

    @Test
    void aGrowingOrStalledBacklogHasNoDrainTimeAndAnEmptyOneIsDrained() {
        drain.record(START, List.of(lag("search", 0, 100, 200), lag("idle", 0, 50, 50)));
        List<GroupBacklog> later = drain.record(START.plusSeconds(60), List.of(lag("search", 0, 100, 400),
            lag("idle", 0, 50, 50)));
        GroupBacklog idle = later.get(0);
        GroupBacklog search = later.get(1);
        assertEquals("idle", idle.group());
        assertEquals(0.0, idle.drainSeconds());
        assertEquals("search", search.group());
        assertEquals(300, search.lag());
        assertNull(search.drainSeconds(), "a consumer that stands still never drains its backlog");
    }

    @Test
    void withoutKafkaThereIsNoBacklogFigure() {
        assertNull(drain.record(START, null));
    }

    private static Lag lag(String group, int partition, long committed, long end) {
        return new Lag(group, "wenku.documents", partition, end - committed, committed, end);
    }
}
