package dev.wenku.support.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
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
    private static final long LEADER_POLL_MILLIS = 100;

    private final Map<String, Object> adminProperties;
    private final Duration timeout;

    public CreateOnlyTopics(Map<String, Object> adminProperties, Duration timeout) {
        this.adminProperties = adminProperties;
        this.timeout = timeout;
    }

    /**
     * As {@link #create}, and while the cluster cannot be asked (unreachable, or no controller yet: a cluster whose
     * quorum is still electing one), tries again every {@code retryEvery} on a thread of its own until it can. The
     * service starts meanwhile, and its consumers wait for the topics as they wait for the broker; without the
     * retries a topic nobody else declares would never be created, and every record sent to it would fail after the
     * producer's {@code max.block.ms} and go to a dead-letter topic.
     */
    public void createOrKeepTrying(Collection<NewTopic> declared, Duration retryEvery) {
        if (create(declared)) {
            return;
        }
        Thread.ofPlatform().daemon().name("topic-creation").start(() -> {
            for (int attempt = 2; ; attempt++) {
                try {
                    Thread.sleep(retryEvery.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                if (create(declared)) {
                    log.info("The topics {} are there, at attempt {}", names(declared), attempt);
                    return;
                }
            }
        });
    }

    /**
     * Creates the missing topics among {@code declared}. A broker that cannot be reached is logged, not fatal.
     *
     * @return whether every declared topic is there (found or created)
     */
    public boolean create(Collection<NewTopic> declared) {
        if (declared.isEmpty()) {
            return true;
        }
        Admin admin = Admin.create(adminProperties);
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = declared.stream().filter(t -> !existing.contains(t.name())).toList();
            reportDifferences(admin, declared.stream().filter(t -> existing.contains(t.name())).toList());
            boolean all = true;
            for (var created : admin.createTopics(missing).values().entrySet()) {
                all &= awaitCreated(created.getKey(), created.getValue());
            }
            awaitLeaders(admin, names(missing));
            return all;
        } catch (ExecutionException | TimeoutException e) {
            log.error("Could not check or create the topics {}: {}", names(declared), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            // Without a bound, closing waits for the calls still retrying against an unreachable broker.
            admin.close(Duration.ofSeconds(2));
        }
    }

    /** Whether {@code topic} is there: created now, or by someone else meanwhile. */
    private boolean awaitCreated(String topic, org.apache.kafka.common.KafkaFuture<Void> creation)
            throws InterruptedException, TimeoutException {
        try {
            creation.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Created topic {}", topic);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return true;
            }
            log.error("Could not create topic {}: {}", topic, e.getCause().toString());
            return false;
        }
    }

    /**
     * Waits (at most the timeout) until every partition of the new topics has a leader that serves it. A topic's
     * creation returns before its leaders serve it; an idempotent producer that wrote at once got
     * NOT_LEADER_OR_FOLLOWER on some partitions and then OUT_OF_ORDER_SEQUENCE_NUMBER on another, which it retried
     * until its delivery timeout. A leader listed in the topic's description may not serve yet either: only the
     * leader answers for a partition's end offset, so that answer for every partition is the signal.
     */
    private void awaitLeaders(Admin admin, List<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                boolean led = admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .values().stream().flatMap(topic -> topic.partitions().stream())
                    .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
                if (led) {
                    awaitServed(admin, topics);
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                log.warn("The partitions of {} have no leader yet after {}", topics, timeout);
                return;
            }
            Thread.sleep(LEADER_POLL_MILLIS);
        }
    }

    private void awaitServed(Admin admin, List<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS).values()
            .forEach(topic -> topic.partitions().forEach(partition ->
                ends.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        admin.listOffsets(ends).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
