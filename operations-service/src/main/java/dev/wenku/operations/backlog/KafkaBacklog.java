package dev.wenku.operations.backlog;

import dev.wenku.support.kafka.ConsumerLag;
import dev.wenku.support.kafka.DeadLetterPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Consumer lag per group and partition and the size of every dead-letter topic, read from Kafka itself, so they
 * are right even while the consuming service is down (which is when they matter).
 */
@Component
public class KafkaBacklog implements DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** Records kept in a dead-letter topic. */
    public record DeadLetters(String topic, long count) {
    }

    /**
     * Lag, dead letters and the cluster's brokers and partitions; nulls for what could not be read, each named among
     * {@code problems}.
     */
    public record Backlog(List<ConsumerLag.Lag> lag, List<DeadLetters> deadLetters, KafkaCluster cluster,
                          List<String> problems) {

        /** Nothing read. */
        public static final Backlog NONE = new Backlog(null, null, null, List.of());
    }

    private final KafkaAdmin kafkaAdmin;
    private Admin admin;

    KafkaBacklog(KafkaAdmin kafkaAdmin) {
        this.kafkaAdmin = kafkaAdmin;
    }

    public synchronized Backlog read() throws Exception {
        if (admin == null) {
            admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        Map<String, TopicDescription> topics;
        KafkaCluster cluster;
        try {
            topics = topics();
            cluster = KafkaCluster.of(admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                topics.values());
        } catch (Exception e) {
            // An admin client that cannot reach Kafka retries its metadata ten times a second, logging each failure:
            // close it and start a fresh one at the next read instead.
            admin.close(Duration.ZERO);
            admin = null;
            throw e;
        }
        // The cluster's state came from any broker. Lag needs each group's coordinator and the dead letters each
        // partition's leader, which a broker that has just died may still be: their failure must not take the
        // brokers down and the partitions short of replicas off the page, which is when an operator needs them.
        List<String> problems = new ArrayList<>();
        List<ConsumerLag.Lag> lag = part("consumer lag", () -> ConsumerLag.read(admin, TIMEOUT), problems);
        List<DeadLetters> deadLetters = part("dead letters", () -> deadLetters(topics), problems);
        return new Backlog(lag, deadLetters, cluster, List.copyOf(problems));
    }

    private static <T> T part(String what, Callable<T> read, List<String> problems) {
        try {
            return read.call();
        } catch (Exception e) {
            problems.add(what + " not read (" + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                + ")");
            return null;
        }
    }

    /** Every topic but Kafka's internal ones, described (partitions, replicas, replicas in sync, leader). */
    private Map<String, TopicDescription> topics() throws Exception {
        Set<String> names = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return names.isEmpty() ? Map.of()
            : admin.describeTopics(names).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private List<DeadLetters> deadLetters(Map<String, TopicDescription> described) throws Exception {
        Set<String> topics = described.keySet().stream()
            .filter(t -> t.endsWith(DeadLetterPublisher.SUFFIX)).collect(Collectors.toSet());
        if (topics.isEmpty()) {
            return List.of();
        }
        Set<TopicPartition> partitions = topics.stream().map(described::get)
            .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
            .collect(Collectors.toSet());
        Map<TopicPartition, ListOffsetsResultInfo> earliest = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, ListOffsetsResultInfo> latest = offsets(partitions, OffsetSpec.latest());
        return topics.stream().sorted().map(topic -> new DeadLetters(topic, partitions.stream()
                .filter(p -> p.topic().equals(topic))
                .mapToLong(p -> latest.get(p).offset() - earliest.get(p).offset()).sum()))
            .toList();
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        return ConsumerLag.offsets(admin, partitions, spec, TIMEOUT);
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
