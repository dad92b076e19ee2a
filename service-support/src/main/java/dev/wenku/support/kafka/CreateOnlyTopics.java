package dev.wenku.support.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the declared topics that do not exist yet, and never changes one that does. Spring's {@code KafkaAdmin}
 * (switched off by {@code spring.kafka.admin.auto-create: false} in the shared defaults) would add partitions to an
 * existing topic whose declaration asks for more: after that, a document's next event lands on another partition
 * than its earlier ones and may be consumed before them, so an older version could overwrite a newer one. A topic
 * whose partition count differs from the declaration is reported instead; changing it is an operator's decision
 * (docs/operations.md, "Partitions").
 */
public final class CreateOnlyTopics {

    private static final Logger log = LoggerFactory.getLogger(CreateOnlyTopics.class);

    private final Map<String, Object> adminProperties;
    private final Duration timeout;

    public CreateOnlyTopics(Map<String, Object> adminProperties, Duration timeout) {
        this.adminProperties = adminProperties;
        this.timeout = timeout;
    }

    /**
     * Creates the missing topics among {@code declared}. A broker that cannot be reached is logged, not fatal: the
     * service starts, and its consumers wait for the topics as they wait for the broker.
     */
    public void create(Collection<NewTopic> declared) {
        if (declared.isEmpty()) {
            return;
        }
        Admin admin = Admin.create(adminProperties);
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = declared.stream().filter(t -> !existing.contains(t.name())).toList();
            reportDifferences(admin, declared.stream().filter(t -> existing.contains(t.name())).toList());
            for (var created : admin.createTopics(missing).values().entrySet()) {
                awaitCreated(created.getKey(), created.getValue());
            }
        } catch (ExecutionException | TimeoutException e) {
            log.error("Could not check or create the topics {}: {}", names(declared), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Without a bound, closing waits for the calls still retrying against an unreachable broker.
            admin.close(Duration.ofSeconds(2));
        }
    }

    private void awaitCreated(String topic, org.apache.kafka.common.KafkaFuture<Void> creation)
            throws InterruptedException, TimeoutException {
        try {
            creation.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Created topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                log.error("Could not create topic {}: {}", topic, e.getCause().toString());
            }
        }
    }

    private void reportDifferences(Admin admin, List<NewTopic> existing)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (existing.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> described = admin.describeTopics(names(existing)).allTopicNames()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (NewTopic topic : existing) {
            TopicDescription actual = described.get(topic.name());
            if (actual != null && topic.numPartitions() > 0 && actual.partitions().size() != topic.numPartitions()) {
                log.warn("Topic {} has {} partitions where {} are configured; it is left as it is (adding partitions "
                    + "would break the per-document order of its events; see docs/operations.md, \"Partitions\")",
                    topic.name(), actual.partitions().size(), topic.numPartitions());
            }
        }
    }

    private static List<String> names(Collection<NewTopic> topics) {
        return topics.stream().map(NewTopic::name).toList();
    }
}
