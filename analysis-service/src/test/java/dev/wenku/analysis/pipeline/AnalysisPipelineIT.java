package dev.wenku.analysis.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wenku.analysis.AnalysisApplication;
import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentIngested;
import dev.wenku.events.EventDeserializer;
import dev.wenku.events.EventSerializer;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@ExtendWith(RealInfrastructureExtension.class)
@SpringBootTest(classes = AnalysisApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalysisPipelineIT {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> SharedInfrastructure.get().kafkaBootstrapServers());
    }

    @Test
    void aTraditionalDocumentIsPublishedAnalysedInSimplifiedScriptWithKeywords() throws Exception {
        String id = "analysis-it-" + UUID.randomUUID();
        String bootstrap = SharedInfrastructure.get().kafkaBootstrapServers();
        PipelineEvent event = DocumentIngested.of(id, 1, "新質生產力",
            "發展新質生產力是推動高質量發展的內在要求。科技創新是發展新質生產力的核心要素。", null, null, Instant.now());
        try (var producer = new KafkaProducer<String, byte[]>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            // A record nobody can read goes first, on the same partition: the pipeline must skip it and carry on.
            producer.send(new ProducerRecord<>(Topics.DOCUMENTS_INGESTED, 0, "poison", "{not json".getBytes())).get();
            producer.send(new ProducerRecord<>(Topics.DOCUMENTS_INGESTED, 0, id,
                new EventSerializer().serialize(Topics.DOCUMENTS_INGESTED, event))).get();
        }
        DocumentAnalyzed analyzed = awaitAnalyzed(bootstrap, id);
        assertEquals("新質生產力", analyzed.title());
        assertEquals("新质生产力", analyzed.simplifiedTitle());
        assertEquals("发展新质生产力是推动高质量发展的内在要求。科技创新是发展新质生产力的核心要素。", analyzed.simplifiedBody());
        assertFalse(analyzed.keywords().isEmpty());
    }

    private static DocumentAnalyzed awaitAnalyzed(String bootstrap, String id) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "group.id", "it-" + UUID.randomUUID(),
            "auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new EventDeserializer<>(DocumentAnalyzed.class))) {
            consumer.subscribe(List.of(Topics.DOCUMENTS_ANALYZED));
            for (int i = 0; i < 60; i++) {
                for (ConsumerRecord<String, DocumentAnalyzed> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (id.equals(record.key())) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("No analysed event for " + id);
    }
}
