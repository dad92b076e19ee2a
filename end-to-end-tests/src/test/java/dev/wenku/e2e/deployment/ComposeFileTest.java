package dev.wenku.e2e.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wenku.infrastructure.launcher.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What docker-compose.yml promises about security, read from the file itself (no Docker engine here to run it):
 * only the gateway and Grafana publish ports, on the bind address; Grafana reaches Prometheus and nothing else; no
 * secret is written in the file; every secret it requires is documented; Kafka creates no topic by itself;
 * Prometheus reads the gateway's metrics with an account that may read nothing else; the services share the caller
 * token key; Elasticsearch has security on and search-service connects as a user of its own role; Kafka requires
 * SASL and ACLs, and each service logs in as itself.
 */
@Tag("security")
class ComposeFileTest {

    private static final Path ROOT = ProjectLayout.locate().root();
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?");

    @Test
    void onlyTheGatewayAndGrafanaPublishPortsAndOnlyOnTheBindAddress() throws Exception {
        Map<String, Map<String, Object>> services = services();
        assertThat(services).isNotEmpty();
        services.forEach((name, service) -> {
            List<?> ports = (List<?>) service.getOrDefault("ports", List.of());
            if (name.equals("gateway") || name.equals("grafana")) {
                assertThat(ports).allSatisfy(port -> assertThat(port.toString())
                    .startsWith("${WENKU_BIND_ADDRESS:-127.0.0.1}:"));
            } else {
                assertThat(ports).as(name + " publishes no port").isEmpty();
            }
        });
    }

    @Test
    void noPasswordIsWrittenInTheFileAndEveryRequiredOneIsDocumented() throws Exception {
        String deployment = Files.readString(ROOT.resolve("docs/deployment.md"));
        services().forEach((name, service) -> environment(service).forEach((variable, value) -> {
            if (variable.contains("PASSWORD") || variable.contains("SECRET")) {
                assertThat(value).as(name + " " + variable).startsWith("${");
            }
        }));
        Matcher required = REQUIRED.matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
        TreeSet<String> variables = new TreeSet<>();
        while (required.find()) {
            variables.add(required.group(1));
        }
        variables.removeIf(variable -> variable.endsWith("_VERSION")); // from .env, checked by EnvFileTest
        assertThat(variables).contains("WENKU_PROMETHEUS_PASSWORD").allSatisfy(variable ->
            assertThat(deployment).as("docs/deployment.md documents " + variable).contains("`" + variable + "`"));
    }

    @Test
    void grafanaReachesPrometheusButNoServiceNorDataStore() throws Exception {
        Map<String, Map<String, Object>> services = services();
        assertThat(networks(services.get("grafana"))).containsExactlyInAnyOrder("monitoring", "edge");
        assertThat(networks(services.get("prometheus"))).contains("monitoring");
        services.forEach((name, service) -> {
            if (!name.equals("grafana") && !name.equals("prometheus")) {
                assertThat(networks(service)).as(name).doesNotContain("monitoring");
            }
        });
    }

    @Test
    void kafkaCreatesNoTopicByItself() throws Exception {
        assertThat(environment(services().get("kafka"))).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    }

    /**
     * Issue 18, finding 3: every listener requires SASL, nothing is allowed without an ACL, and each service logs in
     * as its own user, whose grants kafka-users makes from the file the embedded run grants too.
     */
    @Test
    void kafkaLetsInOnlyItsUsersAndEachServiceLogsInAsItself() throws Exception {
        Map<String, Map<String, Object>> services = services();
        Map<String, String> kafka = environment(services.get("kafka"));
        assertThat(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(","))
            .allSatisfy(listener -> assertThat(listener).contains(":SASL_"));
        assertThat(kafka).containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
            .containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
            .containsEntry("KAFKA_SUPER_USERS", "User:wenku-admin");
        for (String name : List.of("ingest-service", "analysis-service", "search-service", "operations-service")) {
            Map<String, String> service = environment(services.get(name));
            assertThat(service).as(name).containsEntry("WENKU_KAFKA_SASL_USERNAME", name);
            assertThat(service.get("WENKU_KAFKA_SASL_PASSWORD")).as(name).startsWith("${WENKU_KAFKA_"
                + name.replace("-service", "").toUpperCase(java.util.Locale.ROOT) + "_PASSWORD:?");
            assertThat(services.get(name).get("depends_on").toString()).as(name)
                .contains("kafka-users={condition=service_completed_successfully}");
        }
        assertThat(environment(services.get("gateway"))).doesNotContainKey("WENKU_KAFKA_SASL_USERNAME");
        assertThat((List<?>) services.get("kafka-users").get("volumes")).map(Object::toString).containsExactlyInAnyOrder(
            "./scripts/kafka-users.sh:/wenku/kafka-users.sh:ro", "./config/kafka-acls.txt:/wenku/kafka-acls.txt:ro");
    }

    @Test
    void prometheusReadsTheGatewaysMetricsWithAnAccountThatMayReadNothingElse() throws Exception {
        Map<String, String> gateway = environment(services().get("gateway"));
        assertThat(gateway).containsEntry("WENKU_SECURITY_USERS_PROMETHEUS_ROLES", "METRICS");
        Map<String, Object> prometheus = new Yaml().load(
            Files.readString(ROOT.resolve("monitoring/prometheus/prometheus.yml")));
        Map<?, ?> job = ((List<?>) prometheus.get("scrape_configs")).stream().map(Map.class::cast)
            .filter(j -> "wenku-gateway".equals(j.get("job_name"))).findFirst().orElseThrow();
        assertThat(((Map<?, ?>) job.get("basic_auth")).get("username")).isEqualTo("prometheus");
    }

    @Test
    void everyServiceGetsTheCallerTokenKeyFromTheEnvironment() throws Exception {
        Map<String, Map<String, Object>> services = services();
        for (String name : List.of("gateway", "ingest-service", "analysis-service", "search-service",
                "operations-service")) {
            assertThat(environment(services.get(name)).get("WENKU_SECURITY_CALLERTOKEN_SECRET")).as(name)
                .startsWith("${WENKU_CALLER_TOKEN_SECRET:?");
        }
    }

    @Test
    void elasticsearchRunsWithSecurityAndSearchServiceAsAUserOfItsOwnRole() throws Exception {
        Map<String, Map<String, Object>> services = services();
        Map<String, String> elasticsearch = environment(services.get("elasticsearch"));
        assertThat(elasticsearch).containsEntry("xpack.security.enabled", "true");
        assertThat(elasticsearch.get("ELASTIC_PASSWORD")).startsWith("${WENKU_ELASTIC_PASSWORD:?");
        Map<String, String> search = environment(services.get("search-service"));
        assertThat(search).containsEntry("SPRING_ELASTICSEARCH_USERNAME", "wenku-search");
        assertThat(search.get("SPRING_ELASTICSEARCH_PASSWORD")).startsWith("${WENKU_ELASTIC_SEARCH_PASSWORD:?");
        assertThat(services.get("search-service").get("depends_on").toString())
            .contains("elasticsearch-users={condition=service_completed_successfully}");
        String users = services.get("elasticsearch-users").get("command").toString();
        assertThat(users).contains("_security/role/wenku_search", "\"names\": [\"wenku-documents*\"]",
            "_security/user/wenku-search", "\\\"roles\\\": [\\\"wenku_search\\\"]");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    private static List<String> networks(Map<String, Object> service) {
        return ((List<?>) service.getOrDefault("networks", List.of())).stream().map(Object::toString).toList();
    }

    /** A service's environment as a map, whichever of compose's two forms it is written in. */
    private static Map<String, String> environment(Map<String, Object> service) {
        Object environment = service.getOrDefault("environment", Map.of());
        Map<String, String> variables = new java.util.LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((key, value) -> variables.put(key.toString(), String.valueOf(value)));
        } else {
            for (Object entry : (List<?>) environment) {
                String[] parts = entry.toString().split("=", 2);
                variables.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return variables;
    }
}
