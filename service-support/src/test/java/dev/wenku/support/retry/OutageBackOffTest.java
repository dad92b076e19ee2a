package dev.wenku.support.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

class OutageBackOffTest {

    @Test
    void pausesGrowUpToTheMaximumAndNeverStop() {
        BackOffExecution retries = new OutageBackOff(Duration.ofSeconds(2)).start();
        List<Long> pauses = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            pauses.add(retries.nextBackOff());
        }
        assertThat(pauses.subList(0, 5)).containsExactly(250L, 500L, 1000L, 2000L, 2000L);
        assertThat(pauses).as("an outage is waited out, however long").doesNotContain(BackOffExecution.STOP)
            .allMatch(pause -> pause <= 2000);
    }

    @Test
    void eachOutageStartsAgainFromTheShortestPause() {
        OutageBackOff outage = new OutageBackOff(Duration.ofSeconds(30));
        BackOffExecution first = outage.start();
        first.nextBackOff();
        first.nextBackOff();
        assertThat(outage.start().nextBackOff()).isEqualTo(250L);
    }

    @Test
    void aLoopsPausesGrowWhileItFailsAndStartAgainAfterASuccess() {
        OutageBackOff.Retries retries = new OutageBackOff(Duration.ofSeconds(1)).retries();
        assertThat(List.of(retries.nextPause(), retries.nextPause(), retries.nextPause(), retries.nextPause()))
            .containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        retries.succeeded();
        assertThat(retries.nextPause()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aPauseThatIsNotPositiveIsRefusedByName() {
        assertThatThrownBy(() -> new OutageProperties(Duration.ZERO))
            .hasMessageContaining("wenku.outage.max-pause");
    }
}
