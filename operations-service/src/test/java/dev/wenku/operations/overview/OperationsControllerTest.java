package dev.wenku.operations.overview;

import dev.wenku.support.kafka.ConsumerLag;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wenku.operations.backlog.KafkaBacklog;
import dev.wenku.operations.backlog.KafkaCluster;
import dev.wenku.operations.elasticsearch.ElasticsearchCluster;
import dev.wenku.support.problem.servlet.ProblemDetailsAutoConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The operators' overview as the page reads it, and an unexpected failure as a problem that names no internals. */
@WebMvcTest(OperationsController.class)
@ImportAutoConfiguration(ProblemDetailsAutoConfiguration.class)
class OperationsControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    OperationsView view;

    @Test
    void theOverviewHasHealthFiguresLagAndDeadLettersWithNullForWhatCouldNotBeRead() throws Exception {
        when(view.overview()).thenReturn(new Overview(Instant.parse("2025-03-01T08:00:00Z"), "instances",
            List.of(Overview.ServiceHealth.of("search-service", List.of(new Overview.InstanceHealth("127.0.0.1:8083", "UP"),
                new Overview.InstanceHealth("127.0.0.1:9083", "DOWN")))),
            new Overview.Pipeline(10.0, 9.0, 8.0, 1.0, Map.of("ingested", 2.0)),
            new Overview.Freshness(8.0, 0.4, 0.9, 1.1, 1.3, 0.0),
            List.of(new BacklogDrain.GroupBacklog("search-service", 4, 120.0, 60.0, 4.0)),
            List.of(new ConsumerLag.Lag("search-service", "wenku.documents.analyzed", 0, 4, 6, 10)),
            List.of(new KafkaBacklog.DeadLetters("wenku.documents.analyzed.dlt", 1)),
            new KafkaCluster(List.of(new KafkaCluster.Broker(1, "kafka-1", 9092)), List.of(2),
                List.of("wenku.documents.analyzed-3"), List.of()),
            new ElasticsearchCluster("yellow", 2, 3, List.of(
                new ElasticsearchCluster.Node("http://es-1:9200", true, "es-1"),
                new ElasticsearchCluster.Node("http://es-2:9200", false, null)), List.of("http://es-2:9200")),
            List.of("analysis-service: no instance answered")));
        mvc.perform(get("/api/operations/overview"))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
            .andExpect(jsonPath("$.at").value("2025-03-01T08:00:00Z"))
            .andExpect(jsonPath("$.source").value("instances"))
            .andExpect(jsonPath("$.services[0].name").value("search-service"))
            .andExpect(jsonPath("$.services[0].status").value("DEGRADED"))
            .andExpect(jsonPath("$.services[0].instances[1].status").value("DOWN"))
            .andExpect(jsonPath("$.pipeline.indexed").value(8.0))
            .andExpect(jsonPath("$.pipeline.perMinute.ingested").value(2.0))
            .andExpect(jsonPath("$.freshness.p99Seconds").value(1.1))
            .andExpect(jsonPath("$.backlog[0].drainSeconds").value(4.0))
            .andExpect(jsonPath("$.consumerLag[0].lag").value(4))
            .andExpect(jsonPath("$.deadLetters[0].count").value(1))
            .andExpect(jsonPath("$.kafka.brokers[0].host").value("kafka-1"))
            .andExpect(jsonPath("$.kafka.brokersDown[0]").value(2))
            .andExpect(jsonPath("$.kafka.underReplicated[0]").value("wenku.documents.analyzed-3"))
            .andExpect(jsonPath("$.elasticsearch.status").value("yellow"))
            .andExpect(jsonPath("$.elasticsearch.unassignedShards").value(3))
            .andExpect(jsonPath("$.elasticsearch.nodes[0].name").value("es-1"))
            .andExpect(jsonPath("$.elasticsearch.nodesDown[0]").value("http://es-2:9200"))
            .andExpect(jsonPath("$.problems[0]").value("analysis-service: no instance answered"));
    }

    @Test
    void figuresThatCouldNotBeReadAreNull() throws Exception {
        when(view.overview()).thenReturn(new Overview(Instant.parse("2025-03-01T08:00:00Z"), "prometheus", List.of(),
            new Overview.Pipeline(null, null, null, null, Map.of()), Overview.Freshness.UNKNOWN, null, null, null, null,
            null, List.of("Kafka: timed out")));
        mvc.perform(get("/api/operations/overview"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.pipeline.ingested").value(Matchers.nullValue()))
            .andExpect(jsonPath("$.freshness.p50Seconds").value(Matchers.nullValue()))
            .andExpect(jsonPath("$.consumerLag").value(Matchers.nullValue()))
            .andExpect(jsonPath("$.problems[0]").value("Kafka: timed out"));
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorThatNamesNoInternals() throws Exception {
        when(view.overview()).thenThrow(new IllegalStateException("secret-host:9092 refused"));
        mvc.perform(get("/api/operations/overview"))
            .andExpect(status().isInternalServerError())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.error").value("internal_error"))
            .andExpect(jsonPath("$.status").value(500))
            .andExpect(jsonPath("$.type").value("urn:wenku:error:internal_error"))
            .andExpect(jsonPath("$.detail").value(Matchers.not(Matchers.containsString("secret-host"))));
    }
}
