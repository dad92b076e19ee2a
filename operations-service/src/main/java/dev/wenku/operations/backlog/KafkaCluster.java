package dev.wenku.operations.backlog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The Kafka cluster as the operators' page shows it: the brokers that answer, the brokers that hold replicas but do
 * not answer (down), and the partitions short of replicas in sync ({@code min.insync.replicas} decides whether they
 * still take writes) or without a leader (offline: neither read nor written until a replica returns).
 *
 * @param underReplicated {@code topic-partition} of every partition with fewer replicas in sync than assigned
 * @param offline         {@code topic-partition} of every partition without a leader
 */
public record KafkaCluster(List<Broker> brokers, List<Integer> brokersDown, List<String> underReplicated,
                           List<String> offline) {

    /** A broker that answers. */
    public record Broker(int id, String host, int port) {
    }

    /** The state of the cluster whose live brokers are {@code live}, from its topics' descriptions. */
    static KafkaCluster of(Collection<Node> live, Collection<TopicDescription> topics) {
        Set<Integer> answering = live.stream().map(Node::id).collect(Collectors.toSet());
        Set<Integer> assigned = new TreeSet<>();
        List<String> underReplicated = new ArrayList<>();
        List<String> offline = new ArrayList<>();
        topics.stream().sorted(Comparator.comparing(TopicDescription::name)).forEach(topic -> {
            for (TopicPartitionInfo partition : topic.partitions()) {
                String name = topic.name() + "-" + partition.partition();
                partition.replicas().forEach(replica -> assigned.add(replica.id()));
                if (partition.isr().size() < partition.replicas().size()) {
                    underReplicated.add(name);
                }
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    offline.add(name);
                }
            }
        });
        assigned.removeAll(answering);
        return new KafkaCluster(live.stream().sorted(Comparator.comparingInt(Node::id))
            .map(node -> new Broker(node.id(), node.host(), node.port())).toList(), List.copyOf(assigned),
            List.copyOf(underReplicated), List.copyOf(offline));
    }
}
