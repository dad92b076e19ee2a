package dev.wenku.operations.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wenku.infrastructure.launcher.FreePorts;
import dev.wenku.infrastructure.launcher.Infrastructure;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.operations.OperationsProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.mock.env.MockEnvironment;

/**
 * The operators' view of Elasticsearch against a real node: the node that answers is up, with its name, and the
 * configured node nobody listens on is named as down, while the cluster's own health still comes from the live one.
 */
@ExtendWith(RealInfrastructureExtension.class)
class ElasticsearchNodesIT {

    @Test
    void aConfiguredNodeThatDoesNotAnswerIsNamedDownAndTheHealthComesFromOneThatDoes(Infrastructure infrastructure) {
        String live = infrastructure.elasticsearchUrl();
        String dead = "http://127.0.0.1:" + FreePorts.next();
        MockEnvironment environment = new MockEnvironment().withProperty("spring.elasticsearch.uris", dead + "," + live);
        ElasticsearchNodes nodes = new ElasticsearchNodes(environment, new OperationsProperties(
            List.of("search-service"), null, Duration.ofSeconds(2), Duration.ofSeconds(15)));

        ElasticsearchCluster cluster = nodes.read();

        assertThat(cluster.nodesDown()).containsExactly(dead);
        assertThat(cluster.nodes()).extracting(ElasticsearchCluster.Node::url).containsExactly(dead, live);
        assertThat(cluster.nodes().get(1).up()).isTrue();
        assertThat(cluster.nodes().get(1).name()).isNotBlank();
        assertThat(cluster.status()).isIn("green", "yellow");
        assertThat(cluster.nodesInCluster()).isEqualTo(1);
        assertThat(cluster.unassignedShards()).isNotNull();
    }

    @Test
    void withoutConfiguredNodesThereIsNoElasticsearchSection() {
        ElasticsearchNodes nodes = new ElasticsearchNodes(new MockEnvironment(), new OperationsProperties(
            List.of("search-service"), null, Duration.ofSeconds(2), Duration.ofSeconds(15)));

        assertThat(nodes.configured()).isFalse();
    }
}
