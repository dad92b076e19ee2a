package dev.wenku.ingest.backpressure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wenku.support.kafka.ConsumerLag;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacklogLimitTest {

    private static final long SECOND = 1_000_000_000L;

    private final BacklogLimit limit = new BacklogLimit(Duration.ofSeconds(1), 200, 3000);

    @Test
    void beforeThePaceIsKnownBulkWorkMayLeaveTheMinimum() {
        assertThat(limit.limit(0, -1)).isEqualTo(200);
        assertThat(limit.limit(0, 0)).isEqualTo(200);
        assertThat(limit.limit(SECOND, 500)).as("one second says nothing yet").isEqualTo(200);
    }

    @Test
    void theLimitIsWhatThePipelineConsumesInTheWait() {
        limit.limit(0, 0);
        limit.limit(2 * SECOND, 800);
        assertThat(limit.limit(4 * SECOND, 1600)).as("400 documents/s × 1 s").isEqualTo(400);
    }

    @Test
    void aSlowPipelineGetsTheMinimumAndAFastOneTheMaximum() {
        limit.limit(0, 0);
        assertThat(limit.limit(3 * SECOND, 150)).isEqualTo(200);
        BacklogLimit fresh = new BacklogLimit(Duration.ofSeconds(1), 200, 3000);
        fresh.limit(0, 0);
        assertThat(fresh.limit(2 * SECOND, 20_000)).isEqualTo(3000);
    }

    @Test
    void thePaceFollowsTheLastTenSeconds() {
        limit.limit(0, 0);
        for (int s = 1; s <= 20; s++) {
            // 100 documents/s for ten seconds, then 500/s
            limit.limit(s * SECOND, s <= 10 ? s * 100L : 1000 + (s - 10) * 500L);
        }
        assertThat(limit.limit(21 * SECOND, 1000 + 11 * 500L)).isEqualTo(500);
    }

    @Test
    void offsetsGoingBackStartThePaceAgain() {
        limit.limit(0, 5000);
        limit.limit(3 * SECOND, 6000);
        assertThat(limit.limit(4 * SECOND, 10)).isEqualTo(200);
    }

    @Test
    void theLastStageWithAConsumerGivesThePaceAndItsSlowestGroupCounts() {
        List<ConsumerLag.Lag> lags = List.of(
            new ConsumerLag.Lag("analysis-service", "wenku.documents.ingested", 0, 5, 95, 100),
            new ConsumerLag.Lag("search-service", "wenku.documents.analyzed", 0, 10, 40, 50),
            new ConsumerLag.Lag("search-service", "wenku.documents.analyzed", 1, 10, 30, 40),
            new ConsumerLag.Lag("audit", "wenku.documents.analyzed", 0, 0, 50, 50),
            new ConsumerLag.Lag("audit", "wenku.documents.analyzed", 1, 0, 40, 40));
        assertThat(PipelineBacklog.consumedByLastStage(lags)).isEqualTo(70);
        assertThat(PipelineBacklog.consumedByLastStage(lags.subList(0, 1))).as("search-service away").isEqualTo(95);
        assertThat(PipelineBacklog.consumedByLastStage(List.of())).isEqualTo(-1);
    }
}
