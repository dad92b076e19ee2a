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
 * are right even while the consuming service is down (which is when they matter), and the cluster's brokers and
 * partitions.
 *
 * <p>Reads run concurrently on one shared admin client (it is thread-safe): a slow read, such as lag asked of a group
 * coordinator that has just died, holds up no other. The cluster's state ({@link #state()}) comes from any live broker
 * and is read apart from the lag and dead letters ({@link #backlog}), so that the overview can show brokers down and
 * partitions under-replicated even while the rest waits for Kafka to elect new leaders.
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

    /** The topics described (partitions, replicas, replicas in sync, leader) and the brokers, as one broker told. */
    public record State(Map<String, TopicDescription> topics, KafkaCluster cluster) {
    }

    private final KafkaAdmin kafkaAdmin;
    private Admin admin;

    KafkaBacklog(KafkaAdmin kafkaAdmin) {
        this.kafkaAdmin = kafkaAdmin;
    }

    /** The cluster's state, then the lag and dead letters ({@link #backlog}). */
    public Backlog read() throws Exception {
        return backlog(state());
    }

    /** The topics and brokers, from any broker that answers. */
    public State state() throws Exception {
        Admin client = admin();
        try {
            Map<String, TopicDescription> topics = topics(client);
            return new State(topics, KafkaCluster.of(client.describeCluster().nodes()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), topics.values()));
        } catch (Exception e) {
            discard(client);
            throw e;
        }
    }

    /**
     * Lag and dead letters beside {@code state}. Lag needs each group's coordinator and the dead letters each
     * partition's leader, which a broker that has just died may still be: their failure must not take the brokers down
     * and the partitions short of replicas off the page, which is when an operator needs them.
     */
    public Backlog backlog(State state) {
        Admin client = admin();
        List<String> problems = new ArrayList<>();
        List<ConsumerLag.Lag> lag = part("consumer lag", () -> ConsumerLag.read(client, TIMEOUT), problems);
        List<DeadLetters> deadLetters = part("dead letters", () -> deadLetters(client, state.topics()), problems);
        return new Backlog(lag, deadLetters, state.cluster(), List.copyOf(problems));
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        return admin;
    }

    /**
     * An admin client that cannot reach Kafka retries its metadata ten times a second, logging each failure: it is
     * closed, and the next read starts a fresh one (unless another read has done so already).
     */
    private synchronized void discard(Admin failed) {
        if (admin == failed) {
            admin.close(Duration.ZERO);
            admin = null;
        }
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
    private static Map<String, TopicDescription> topics(Admin client) throws Exception {
        Set<String> names = client.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return names.isEmpty() ? Map.of()
            : client.describeTopics(names).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static List<DeadLetters> deadLetters(Admin client, Map<String, TopicDescription> described)
            throws Exception {
        Set<String> topics = described.keySet().stream()
            .filter(t -> t.endsWith(DeadLetterPublisher.SUFFIX)).collect(Collectors.toSet());
        if (topics.isEmpty()) {
            return List.of();
        }
        Set<TopicPartition> partitions = topics.stream().map(described::get)
            .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
            .collect(Collectors.toSet());
        Map<TopicPartition, ListOffsetsResultInfo> earliest = ConsumerLag.offsets(client, partitions,
            OffsetSpec.earliest(), TIMEOUT);
        Map<TopicPartition, ListOffsetsResultInfo> latest = ConsumerLag.offsets(client, partitions,
            OffsetSpec.latest(), TIMEOUT);
        return topics.stream().sorted().map(topic -> new DeadLetters(topic, partitions.stream()
                .filter(p -> p.topic().equals(topic))
                .mapToLong(p -> latest.get(p).offset() - earliest.get(p).offset()).sum()))
            .toList();
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
