package dev.wenku.analysis.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.analysis.AnalysisApplication;
import dev.wenku.events.DocumentIngested;
import dev.wenku.events.EventSerializer;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Two analysis-service instances in one consumer group share the partitions of {@code wenku.documents.ingested}:
 * each analyses part of a load, and together every document exactly once (no rebalance happens during the load).
 */
@ExtendWith(RealInfrastructureExtension.class)
class AnalysisScaleOutIT {

    private static final int DOCUMENTS = 60;

    @Test
    void twoInstancesShareThePartitionsAndAnalyseEveryDocumentExactlyOnce() throws Exception {
        String group = "scale-out-" + UUID.randomUUID();
        List<ConfigurableApplicationContext> instances = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                instances.add(new SpringApplicationBuilder(AnalysisApplication.class).run("--server.port=0",
                    "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.get().kafkaBootstrapServers(),
                    "--spring.kafka.consumer.group-id=" + group));
            }
            List<Set<TopicPartition>> assigned = awaitStableAssignment(instances);
            assertFalse(assigned.get(0).isEmpty(), "the first instance holds partitions: " + assigned);
            assertFalse(assigned.get(1).isEmpty(), "the second instance holds partitions: " + assigned);
            Set<TopicPartition> overlap = new HashSet<>(assigned.get(0));
            overlap.retainAll(assigned.get(1));
            assertTrue(overlap.isEmpty(), "no partition is held twice: " + assigned);

            String prefix = "scale-" + UUID.randomUUID().toString().substring(0, 8) + "-";
            try (var producer = new KafkaProducer<String, PipelineEvent>(Map.of("bootstrap.servers",
                    SharedInfrastructure.get().kafkaBootstrapServers(), "acks", "all"), new StringSerializer(),
                    new EventSerializer())) {
                for (int i = 0; i < DOCUMENTS; i++) {
                    String id = prefix + i;
                    producer.send(new ProducerRecord<>(Topics.DOCUMENTS_INGESTED, id, DocumentIngested.of(id, 1,
                        "扩展测试 " + i, "第" + i + "篇：发展新质生产力，推动高质量发展。", null, null, Instant.now())));
                }
            }

            Map<String, Integer> analyses = countAnalyses(prefix, DOCUMENTS);
            assertEquals(DOCUMENTS, analyses.size(), "every document analysed: " + analyses.keySet());
            assertTrue(analyses.values().stream().allMatch(n -> n == 1), "none analysed twice: " + analyses);
            assertEquals(assigned, awaitStableAssignment(instances), "no rebalance during the load");
        } finally {
            instances.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static List<Set<TopicPartition>> awaitStableAssignment(List<ConfigurableApplicationContext> instances)
            throws InterruptedException {
        for (long end = System.nanoTime() + Duration.ofSeconds(90).toNanos(); System.nanoTime() < end; ) {
            List<Set<TopicPartition>> assigned = instances.stream().map(AnalysisScaleOutIT::partitions).toList();
            int total = assigned.stream().mapToInt(Set::size).sum();
            if (assigned.stream().noneMatch(Set::isEmpty) && total == partitionCount()) {
                return assigned;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The two instances never shared all partitions");
    }

    private static Set<TopicPartition> partitions(ConfigurableApplicationContext instance) {
        MessageListenerContainer container = instance.getBean(KafkaListenerEndpointRegistry.class)
            .getListenerContainer("analysis");
        Collection<TopicPartition> assigned = container == null ? null : container.getAssignedPartitions();
        return assigned == null ? Set.of() : Set.copyOf(assigned);
    }

    private static int partitionCount() {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers",
                SharedInfrastructure.get().kafkaBootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer())) {
            return consumer.partitionsFor(Topics.DOCUMENTS_INGESTED).size();
        }
    }

    /** How often each of the load's documents appears on the analysed topic, once all have (plus a quiet moment). */
    private static Map<String, Integer> countAnalyses(String prefix, int expected) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers",
            SharedInfrastructure.get().kafkaBootstrapServers(), "group.id", "it-" + UUID.randomUUID(),
            "auto.offset.reset", "earliest"));
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DOCUMENTS_ANALYZED));
            long quietUntil = Long.MAX_VALUE;
            for (long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                 System.nanoTime() < end && System.nanoTime() < quietUntil; ) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && record.key().startsWith(prefix) && record.value() != null) {
                        counts.merge(record.key(), 1, Integer::sum);
                    }
                }
                if (counts.size() == expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        return counts;
    }
}
