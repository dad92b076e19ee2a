package dev.wenku.search.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.search.SearchApplication;
import dev.wenku.support.kafka.BatchLogging;
import dev.wenku.support.kafka.ConsumerLag;
import dev.wenku.support.testing.TestCallers;
import dev.wenku.support.testing.TestEvents;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * What search-service's log says about the documents it indexes ({@link BatchLogging}): a line per document for an
 * upload, a line per batch for a bulk import's full batches, on a real Kafka and Elasticsearch.
 */
@ExtendWith({RealInfrastructureExtension.class, OutputCaptureExtension.class})
class IndexingLogIT {

    /**
     * The bulk batch is of tombstones of documents nobody indexed: they reach the listener like any change, and leave
     * the index statistics and the embedding backlog of the tests that share this topic as they were.
     */
    @Test
    void aBulkBatchIsLoggedInOneLineAndALoneDocumentInItsOwn(CapturedOutput output) throws Exception {
        String alias = "logged-" + UUID.randomUUID();
        String marker = "gone-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int documents = 3 * BatchLogging.PER_DOCUMENT_UP_TO;
        try (Rest5Client rest = Rest5Client.builder(URI.create(SharedInfrastructure.get().elasticsearchUrl())).build();
             ConfigurableApplicationContext search = new SpringApplicationBuilder(SearchApplication.class).run(
                 "--server.port=0", TestCallers.SECRET_ARGUMENT, "--wenku.search.index-alias=" + alias,
                 "--spring.kafka.consumer.group-id=" + alias,
                 "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.get().kafkaBootstrapServers(),
                 "--spring.elasticsearch.uris=" + SharedInfrastructure.get().elasticsearchUrl())) {
            ElasticsearchClient client = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
            try {
                MessageListenerContainer listener = search.getBean(KafkaListenerEndpointRegistry.class)
                    .getListenerContainer(AnalyzedDocumentListener.LISTENER_ID);
                listener.pause();
                try {
                    await().alias("the indexing listener paused").atMost(Duration.ofSeconds(30))
                        .until(listener::isContainerPaused);
                    TestEvents.tombstones(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.DOCUMENTS_ANALYZED,
                        IntStream.range(0, documents).mapToObj(i -> marker + i).toList());
                } finally {
                    listener.resume();
                }
                await().alias("the topic consumed to its end").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(() -> consumedToTheEnd(alias));
                assertTrue(output.getOut().contains("Indexed a batch of"), "a line per batch");
                String alone = marker + "alone";
                TestEvents.tombstone(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.DOCUMENTS_ANALYZED,
                    alone);
                await().alias("the lone document's own line").atMost(Duration.ofSeconds(60))
                    .until(() -> output.getOut().contains("Document " + alone + " deleted"));

                long perDocument = output.getOut().lines().filter(line -> line.contains("Document " + marker)).count();
                // The lone one, and of the bulk at most a remainder below the limit (a batch of the topic's backlog).
                assertTrue(perDocument <= 1 + BatchLogging.PER_DOCUMENT_UP_TO, perDocument + " lines of documents");
            } finally {
                List<String> indices = List.copyOf(client.indices().getAlias(a -> a.name(alias)).aliases().keySet());
                client.indices().delete(d -> d.index(indices).ignoreUnavailable(true));
            }
        }
    }

    /** Whether {@code group} has committed, on every partition of the analysed documents' topic, its end. */
    private static boolean consumedToTheEnd(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Set<TopicPartition> partitions = admin.describeTopics(List.of(Topics.DOCUMENTS_ANALYZED)).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(Topics.DOCUMENTS_ANALYZED).partitions().stream()
                .map(p -> new TopicPartition(Topics.DOCUMENTS_ANALYZED, p.partition())).collect(Collectors.toSet());
            return ConsumerLag.offsets(admin, partitions, OffsetSpec.latest(), Duration.ofSeconds(10)).entrySet()
                .stream().allMatch(end -> end.getValue().offset() == 0 || committed.get(end.getKey()) != null
                    && committed.get(end.getKey()).offset() >= end.getValue().offset());
        }
    }
}
