package dev.wenku.infrastructure.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real Kafka nodes in one KRaft quorum, from the project's server module: a topic with three replicas takes
 * writes (acks=all) while one node is killed with SIGKILL, its partitions show fewer replicas in sync meanwhile (after
 * Kafka's {@code replica.lag.time.max.ms}, 30 s), the node started again on its data catches up, and every
 * acknowledged record is read back once.
 */
class KafkaClusterIT {

    private static final String TOPIC = "replicated";
    private static final int RECORDS = 100;

    @TempDir
    Path data;

    @Test
    void aTopicOfThreeReplicasTakesWritesWhileOneNodeIsDownAndLosesNoAcknowledgedRecord() throws Exception {
        LocalServers servers = new LocalServers(ProjectLayout.locate(), data.resolve("logs"), null);
        KafkaClusterLayout cluster = KafkaClusterLayout.of(data.resolve("kafka"), 3);
        List<RunningServer> nodes = new ArrayList<>(servers.startKafkaCluster(cluster));
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", cluster.bootstrapServers()));
             var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", cluster.bootstrapServers(),
                 "acks", "all", "enable.idempotence", true), new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 3))).all().get();
            send(producer, "before");

            nodes.get(2).process().kill();
            send(producer, "during");
            await().alias("the killed node's replicas fall out of sync").atMost(Duration.ofSeconds(60))
                .until(() -> describe(admin).partitions().stream().anyMatch(p -> p.isr().size() == 2));

            nodes.set(2, servers.startKafkaNode(cluster, 2));
            await().alias("the restarted node catches up").atMost(Duration.ofSeconds(90))
                .until(() -> describe(admin).partitions().stream().allMatch(p -> p.isr().size() == 3));
            send(producer, "after");
            assertEquals(3 * RECORDS, readBack(cluster), "every acknowledged record, each once");
        } finally {
            nodes.forEach(RunningServer::close);
        }
    }

    /** How many records a new consumer group reads from the topic's beginning until it has them all. */
    private static int readBack(KafkaClusterLayout cluster) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", cluster.bootstrapServers(),
                "group.id", "read-back", "auto.offset.reset", "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            Set<String> distinct = new HashSet<>();
            List<String> all = new ArrayList<>();
            await().alias("every acknowledged record is read back").atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    distinct.add(record.value());
                    all.add(record.value());
                }
                return distinct.size() == 3 * RECORDS;
            });
            return all.size();
        }
    }

    /** Sends {@value #RECORDS} records and waits until every one is acknowledged by the replicas in sync. */
    private static void send(KafkaProducer<String, String> producer, String phase) throws Exception {
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            sent.add(producer.send(new ProducerRecord<>(TOPIC, phase + i, phase + "-" + i)));
        }
        for (Future<?> each : sent) {
            each.get();
        }
    }

    private static TopicDescription describe(Admin admin) throws Exception {
        return admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
    }
}
