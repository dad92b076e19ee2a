package dev.wenku.operations.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.wenku.operations.OperationsProperties;
import dev.wenku.operations.backlog.KafkaBacklog;
import dev.wenku.operations.backlog.KafkaCluster;
import dev.wenku.operations.elasticsearch.ElasticsearchNodes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;

/**
 * While a broker has just died, Kafka's lag and dead letters may wait for coordinators and leaders the dead broker still
 * holds; the brokers and partitions, which any live broker tells, must be on the page all the same, and the page must
 * answer within Kafka's budget.
 */
class OperationsViewTest {

    private static final KafkaCluster BROKER_2_DOWN = new KafkaCluster(List.of(
        new KafkaCluster.Broker(1, "127.0.0.1", 9092), new KafkaCluster.Broker(3, "127.0.0.1", 9094)), List.of(2),
        List.of("wenku.documents.ingested-0"), List.of());

    private final CountDownLatch deadBrokerAnswers = new CountDownLatch(1);

    @AfterEach
    void release() {
        deadBrokerAnswers.countDown();
    }

    @Test
    void brokersDownAndUnderReplicatedPartitionsShowWhileTheLagWaitsForADeadCoordinator() throws Exception {
        KafkaBacklog kafka = mock(KafkaBacklog.class);
        KafkaBacklog.State state = new KafkaBacklog.State(Map.of(), BROKER_2_DOWN);
        when(kafka.state()).thenReturn(state);
        when(kafka.backlog(any())).thenAnswer(call -> {
            deadBrokerAnswers.await(1, TimeUnit.MINUTES);
            return new KafkaBacklog.Backlog(List.of(), List.of(), BROKER_2_DOWN, List.of());
        });
        OperationsView view = new OperationsView(new OperationsProperties(List.of(), null, Duration.ofSeconds(2),
                Duration.ofSeconds(15)), new SimpleDiscoveryClient(new SimpleDiscoveryProperties()), kafka,
            mock(ElasticsearchNodes.class), Clock.systemUTC());

        Overview overview = assertTimeoutPreemptively(Duration.ofSeconds(8), view::overview);

        assertEquals(List.of(2), overview.kafka().brokersDown());
        assertEquals(List.of("wenku.documents.ingested-0"), overview.kafka().underReplicated());
        assertNull(overview.consumerLag(), "lag not read in time is null, not empty");
        assertTrue(overview.problems().contains("Kafka: consumer lag and dead letters: no answer within 5 s"),
            overview.problems().toString());
    }

    @Test
    void aKafkaThatCannotBeReachedIsNamedAndTheRestOfThePageIsThere() throws Exception {
        KafkaBacklog kafka = mock(KafkaBacklog.class);
        when(kafka.state()).thenThrow(new TimeoutException("Timed out waiting for a node"));
        OperationsView view = new OperationsView(new OperationsProperties(List.of("search-service"), null,
                Duration.ofSeconds(2), Duration.ofSeconds(15)), new SimpleDiscoveryClient(new SimpleDiscoveryProperties()),
            kafka, mock(ElasticsearchNodes.class), Clock.systemUTC());

        Overview overview = view.overview();

        assertNull(overview.kafka());
        assertTrue(overview.problems().contains("Kafka: Timed out waiting for a node"), overview.problems().toString());
        assertEquals("search-service", overview.services().getFirst().name());
    }
}
