package dev.wenku.e2e.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wenku.infrastructure.launcher.ProjectLayout;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What docker-compose.cluster.yml promises on top of docker-compose.yml, read from the file (CI also has
 * docker-compose validate the two together): three Kafka brokers in one KRaft quorum whose topics keep three replicas
 * and need two in sync; three Elasticsearch nodes in one cluster talking TLS, the index with a replica; a second
 * instance of every service, as its own Kafka user, publishing no port; the gateway balancing over both instances.
 */
class ComposeClusterFileTest {

    private static final List<String> SERVICES = List.of("ingest-service", "analysis-service", "search-service",
        "operations-service");

    @Test
    void threeBrokersFormOneQuorumAndTopicsNeedTwoReplicasInSync() throws Exception {
        Map<String, Map<String, Object>> services = services();
        List<String> brokers = List.of("kafka", "kafka-2", "kafka-3");
        assertThat(brokers.stream().map(b -> environment(services.get(b)).get("KAFKA_NODE_ID")))
            .containsExactly("1", "2", "3");
        for (String broker : brokers) {
            Map<String, String> kafka = environment(services.get(broker));
            assertThat(kafka.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).as(broker)
                .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
            assertThat(kafka).as(broker).containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                .containsKey("CLUSTER_ID");
        }
        for (String name : SERVICES) {
            for (String instance : List.of(name, name + "-2")) {
                Map<String, String> service = environment(services.get(instance));
                assertThat(service).as(instance).containsEntry("WENKU_KAFKA_TOPICS_REPLICATIONFACTOR", "3")
                    .containsEntry("WENKU_KAFKA_TOPICS_MININSYNCREPLICAS", "2")
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092,kafka-3:9092");
            }
        }
    }

    @Test
    void threeElasticsearchNodesFormOneClusterOverTlsAndTheIndexHasAReplica() throws Exception {
        Map<String, Map<String, Object>> services = services();
        for (String node : List.of("elasticsearch", "elasticsearch-2", "elasticsearch-3")) {
            Map<String, String> elasticsearch = environment(services.get(node));
            assertThat(elasticsearch).as(node).containsEntry("discovery.type", "multi-node")
                .containsEntry("xpack.security.transport.ssl.enabled", "true")
                .containsEntry("cluster.initial_master_nodes", "elasticsearch-1,elasticsearch-2,elasticsearch-3");
        }
        for (String instance : List.of("search-service", "search-service-2")) {
            assertThat(environment(services.get(instance))).as(instance).containsEntry("WENKU_SEARCH_INDEXREPLICAS", "1");
        }
    }

    @Test
    void everyServiceHasASecondInstanceThatPublishesNothingAndLogsInAsItself() throws Exception {
        Map<String, Map<String, Object>> services = services();
        Map<String, String> gateway = environment(services.get("gateway"));
        for (String name : SERVICES) {
            Map<String, Object> second = services.get(name + "-2");
            assertThat(second).as(name + "-2").doesNotContainKey("ports");
            Map<String, String> environment = environment(second);
            assertThat(environment).as(name + "-2").containsEntry("WENKU_KAFKA_SASL_USERNAME", name);
            assertThat(environment.get("WENKU_SECURITY_CALLERTOKEN_SECRET")).startsWith("${WENKU_CALLER_TOKEN_SECRET:?");
            String variable = "WENKU_GATEWAY_" + name.replace("-service", "").toUpperCase(Locale.ROOT) + "URI";
            assertThat(gateway.get(variable)).as(variable)
                .isEqualTo("http://" + name + "-1:8080,http://" + name + "-2:8080");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(ProjectLayout.locate().root()
            .resolve("docker-compose.cluster.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> variables = new LinkedHashMap<>();
        ((Map<?, ?>) service.getOrDefault("environment", Map.of()))
            .forEach((key, value) -> variables.put(key.toString(), String.valueOf(value)));
        return variables;
    }
}
