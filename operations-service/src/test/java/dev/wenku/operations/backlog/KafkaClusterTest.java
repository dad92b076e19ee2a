package dev.wenku.operations.backlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Three brokers, one of them (3) down: the partitions it held a replica of are short of replicas in sync, the one it
 * led alone is offline, and it is named as down although Kafka lists only the brokers that answer.
 */
class KafkaClusterTest {

    private static final Node ONE = new Node(1, "kafka-1", 9092);
    private static final Node TWO = new Node(2, "kafka-2", 9092);
    private static final Node THREE = new Node(3, "kafka-3", 9092);

    @Test
    void aBrokerDownIsNamedWithThePartitionsItLeavesShortOrOffline() {
        TopicDescription analyzed = new TopicDescription("wenku.documents.analyzed", false, List.of(
            new TopicPartitionInfo(0, ONE, List.of(ONE, TWO, THREE), List.of(ONE, TWO)),
            new TopicPartitionInfo(1, TWO, List.of(ONE, TWO, THREE), List.of(ONE, TWO, THREE))));
        TopicDescription settings = new TopicDescription("wenku.analysis.config", false, List.of(
            new TopicPartitionInfo(0, Node.noNode(), List.of(THREE), List.of())));

        KafkaCluster cluster = KafkaCluster.of(List.of(TWO, ONE), List.of(settings, analyzed));

        assertThat(cluster.brokers()).containsExactly(new KafkaCluster.Broker(1, "kafka-1", 9092),
            new KafkaCluster.Broker(2, "kafka-2", 9092));
        assertThat(cluster.brokersDown()).containsExactly(3);
        assertThat(cluster.underReplicated()).containsExactly("wenku.analysis.config-0", "wenku.documents.analyzed-0");
        assertThat(cluster.offline()).containsExactly("wenku.analysis.config-0");
    }

    @Test
    void aHealthyClusterHasNothingDownShortOrOffline() {
        TopicDescription analyzed = new TopicDescription("wenku.documents.analyzed", false, List.of(
            new TopicPartitionInfo(0, ONE, List.of(ONE), List.of(ONE))));

        KafkaCluster cluster = KafkaCluster.of(List.of(ONE), List.of(analyzed));

        assertThat(cluster.brokersDown()).isEmpty();
        assertThat(cluster.underReplicated()).isEmpty();
        assertThat(cluster.offline()).isEmpty();
    }
}
