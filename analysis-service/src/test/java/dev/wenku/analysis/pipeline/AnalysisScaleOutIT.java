package dev.wenku.analysis.pipeline;

import static org.awaitility.Awaitility.await;
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
import dev.wenku.infrastructure.launcher.TestDatabases;
import dev.wenku.support.testing.TestCallers;
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
import org.apache.kafka.clients.admin.Admin;
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
            // One corpus in one database, shared by both instances as in production.
            String database = TestDatabases.create(SharedInfrastructure.get(), "wenku_scale_out");
            for (int i = 0; i < 2; i++) {
                List<String> arguments = new ArrayList<>(List.of("--server.port=0", TestCallers.SECRET_ARGUMENT,
                    "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.get().kafkaBootstrapServers(),
                    "--spring.kafka.consumer.group-id=" + group,
                    // One consumer each: with three each, the group's six consumers are more than the partitions,
                    // and which of them get one depends on their ids' order, which can leave one instance idle.
                    "--spring.kafka.listener.concurrency=1"));
                arguments.addAll(List.of(TestDatabases.arguments(SharedInfrastructure.get(), database)));
                instances.add(new SpringApplicationBuilder(AnalysisApplication.class)
                    .run(arguments.toArray(String[]::new)));
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

            awaitGroupCommittedEverything(group);
            Map<String, Integer> analyses = countAnalyses(prefix);
            assertEquals(DOCUMENTS, analyses.size(), "every document analysed: " + analyses.keySet());
            assertTrue(analyses.values().stream().allMatch(n -> n == 1), "none analysed twice: " + analyses);
            assertEquals(assigned, awaitStableAssignment(instances), "no rebalance during the load");
        } finally {
            instances.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static List<Set<TopicPartition>> awaitStableAssignment(List<ConfigurableApplicationContext> instances) {
        int partitions = partitionCount();
        return await().alias("the two instances share all " + partitions + " partitions").atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> instances.stream().map(AnalysisScaleOutIT::partitions).toList(),
                assigned -> assigned.stream().noneMatch(Set::isEmpty)
                    && assigned.stream().mapToInt(Set::size).sum() == partitions);
    }

    /**
     * Waits until {@code group} committed offsets up to the end of the ingested topic as it is now: every document
     * was analysed and its analysis published (offsets are committed only after that), so no analysis of the load is
     * still to come.
     */
    private static void awaitGroupCommittedEverything(String group) {
        Map<String, Object> config = Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers());
        try (Admin admin = Admin.create(config);
             var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DOCUMENTS_INGESTED).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().alias(group + " committed the end offsets " + end + " of " + Topics.DOCUMENTS_INGESTED)
                .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(),
                    committed -> end.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
        }
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

    /**
     * How often each of the load's documents appears on the analysed topic: read from its beginning until the
     * consumer's position reached the end offsets the topic has now, so every analysis published so far is counted.
     */
    private static Map<String, Integer> countAnalyses(String prefix) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Object> config = Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers(),
            "enable.auto.commit", false);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DOCUMENTS_ANALYZED).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().alias(Topics.DOCUMENTS_ANALYZED + " read to its end offsets " + end).atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).pollInSameThread()
                .until(() -> {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.key() != null && record.key().startsWith(prefix) && record.value() != null) {
                            counts.merge(record.key(), 1, Integer::sum);
                        }
                    }
                    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                });
        }
        return counts;
    }
}
