package dev.wenku.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wenku.infrastructure.launcher.LocalPlatform;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI descriptions aggregated at the gateway say what the gateway routes: every route of the public API is
 * documented by the service it leads to, and every documented operation answers through the gateway (with its own
 * status, whatever that is for a made-up id or an empty body, but never "no such API" or a server error).
 */
// Last on the shared platform: it calls every documented operation as an operator, pausing indexing and starting a
// re-analysis among them, which would hold up the documents of any class after it.
@OnSharedPlatform(order = 9)
class ApiDocumentationIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> DOCUMENTED = List.of("gateway", "ingest-service", "analysis-service",
        "search-service", "operations-service");
    private static final Pattern ROUTE_PATHS = Pattern.compile("Paths: \\[([^\\]]*)]");

    private static LocalPlatform platform;
    private static GatewayClient operator;
    private static GatewayClient reader;

    @BeforeAll
    static void logIn() throws Exception {
        platform = SharedPlatform.platform();
        operator = GatewayClient.logIn(platform.gatewayUrl(), platform.accounts().operator());
        reader = GatewayClient.anonymous(platform.gatewayUrl());
    }

    private record Operation(String service, String method, String path) {
    }

    private static List<Operation> documented() throws Exception {
        List<Operation> operations = new ArrayList<>();
        for (String service : DOCUMENTED) {
            HttpResponse<String> docs = reader.get("/v3/api-docs/" + service);
            assertThat(docs.statusCode()).as("the description of " + service + " for anyone").isEqualTo(200);
            JSON.readTree(docs.body()).path("paths").properties().forEach(path ->
                path.getValue().properties().forEach(method ->
                    operations.add(new Operation(service, method.getKey().toUpperCase(Locale.ROOT), path.getKey()))));
        }
        return operations;
    }

    @Test
    void everyRouteOfThePublicApiIsDocumented() throws Exception {
        List<Operation> operations = documented();
        HttpResponse<String> routes = operator.get("/actuator/gateway/routes");
        assertThat(routes.statusCode()).isEqualTo(200);
        PathPatternParser parser = new PathPatternParser();
        JsonNode all = JSON.readTree(routes.body());
        assertThat(all.size()).as("the gateway's routes: %s", routes.body()).isGreaterThanOrEqualTo(5);
        for (JsonNode route : all) {
            String id = route.path("route_id").asString();
            Matcher paths = ROUTE_PATHS.matcher(route.path("predicate").asString());
            assertThat(paths.find()).as("route %s has path patterns: %s", id, route).isTrue();
            List<String> patterns = List.of(paths.group(1).split(",\\s*"));
            if (patterns.stream().allMatch(p -> p.startsWith("/v3/api-docs/"))) {
                continue;
            }
            boolean documented = operations.stream().anyMatch(operation -> patterns.stream().anyMatch(pattern ->
                parser.parse(pattern).matches(PathContainer.parsePath(concrete(operation.path())))));
            assertThat(documented).as("route %s (%s) has no documented operation", id, patterns).isTrue();
        }
    }

    @Test
    void everyDocumentedOperationAnswersThroughTheGateway() throws Exception {
        List<Operation> operations = new ArrayList<>(documented());
        // A session of its own, as logging out (DELETE /api/session) ends it: that one comes last.
        GatewayClient caller = GatewayClient.logIn(platform.gatewayUrl(), platform.accounts().operator());
        operations.sort(Comparator.comparing((Operation o) -> o.path().equals("/api/session")));
        List<String> problems = new ArrayList<>();
        for (Operation operation : operations) {
            HttpResponse<String> answer = caller.send(operation.method(), concrete(operation.path()));
            boolean noSuchApi = answer.statusCode() == 404
                && GatewayClient.valueAt(answer.body(), "$.detail") instanceof String detail && detail.startsWith("No API at");
            if (noSuchApi || answer.statusCode() == 405 || answer.statusCode() >= 500) {
                problems.add(operation + " → " + answer.statusCode() + " " + answer.body());
            }
        }
        assertThat(problems).as("documented operations the gateway does not serve").isEmpty();
    }

    /** A documented path with its variables filled in (an id that does not exist). */
    private static String concrete(String path) {
        return path.replaceAll("\\{[^}]+}", "unknown-0");
    }
}
