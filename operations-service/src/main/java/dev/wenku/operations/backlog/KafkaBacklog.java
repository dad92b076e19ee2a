package dev.wenku.operations.backlog;

import dev.wenku.support.kafka.ConsumerLag;
import dev.wenku.support.kafka.DeadLetterPublisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
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

    /** Lag and dead letters; null lists when Kafka could not be read. */
    public record Backlog(List<ConsumerLag.Lag> lag, List<DeadLetters> deadLetters) {
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
        try {
            return new Backlog(ConsumerLag.read(admin, TIMEOUT), deadLetters());
        } catch (Exception e) {
            // An admin client that cannot reach Kafka retries its metadata ten times a second, logging each failure:
            // close it and start a fresh one at the next read instead.
            admin.close(Duration.ZERO);
            admin = null;
            throw e;
        }
    }

    private List<DeadLetters> deadLetters() throws Exception {
        Set<String> topics = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
            .filter(t -> t.endsWith(DeadLetterPublisher.SUFFIX)).collect(Collectors.toSet());
        if (topics.isEmpty()) {
            return List.of();
        }
        Set<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames()
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values().stream()
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
