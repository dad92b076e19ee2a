package dev.wenku.operations.overview;

import dev.wenku.operations.OperationsProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The overview's figures as PromQL instant queries over what Prometheus scraped from every instance (the deployment
 * of docker-compose.yml): health from {@code up} per {@code application} label, counts and per-minute rates of the
 * pipeline counters, and freshness percentiles by {@code histogram_quantile} over the summed buckets, capped at the
 * maximum. Prometheus's own scrape interval (15 s) makes these figures up to that old.
 */
final class PrometheusQueries implements PipelineSource {

    private final URI prometheus;
    private final List<String> services;
    private final RestClient http;

    PrometheusQueries(OperationsProperties properties) {
        this.prometheus = properties.prometheusUrl();
        this.services = properties.services();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
            HttpClient.newBuilder().connectTimeout(properties.scrapeTimeout()).build());
        requests.setReadTimeout(properties.scrapeTimeout());
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    @Override
    public String name() {
        return "prometheus";
    }

    @Override
    public Snapshot read() {
        List<String> problems = new ArrayList<>();
        Map<String, List<Overview.InstanceHealth>> instances = new LinkedHashMap<>();
        services.forEach(service -> instances.put(service, new ArrayList<>()));
        for (JsonNode series : query("up", problems)) {
            String application = series.path("metric").path("application").asString("");
            if (instances.containsKey(application)) {
                instances.get(application).add(new Overview.InstanceHealth(series.path("metric").path("instance")
                    .asString(""), value(series) != null && value(series) == 1 ? "UP" : "DOWN"));
            }
        }
        List<Overview.ServiceHealth> health = new ArrayList<>();
        instances.forEach((service, ofService) -> health.add(Overview.ServiceHealth.of(service, ofService)));

        Map<String, String> counters = new LinkedHashMap<>();
        counters.put("ingested", "wenku_documents_ingested_total{outcome=~\"created|updated\"}");
        counters.put("analyzed", "wenku_documents_analyzed_total{outcome=\"analyzed\"}");
        counters.put("indexed", "wenku_documents_indexed_total{outcome=\"indexed\"}");
        counters.put("failed", "{__name__=~\"wenku_documents_analyzed_total|wenku_documents_indexed_total\","
            + "outcome=~\"failed|refused\"}");
        Map<String, Double> counts = new LinkedHashMap<>();
        Map<String, Double> perMinute = new LinkedHashMap<>();
        counters.forEach((name, selector) -> {
            counts.put(name, scalar("sum(" + selector + ")", problems));
            perMinute.put(name, scalar("sum(rate(" + selector + "[1m])) * 60", problems));
        });

        String buckets = "sum by (le) (" + InstanceScrapes.FRESHNESS + "_bucket)";
        Double max = scalar("max(" + InstanceScrapes.FRESHNESS + "_max)", problems);
        Overview.Freshness freshness = new Overview.Freshness(
            scalar("sum(" + InstanceScrapes.FRESHNESS + "_count)", problems),
            capped(scalar("histogram_quantile(0.5, " + buckets + ")", problems), max),
            capped(scalar("histogram_quantile(0.95, " + buckets + ")", problems), max),
            capped(scalar("histogram_quantile(0.99, " + buckets + ")", problems), max),
            max,
            // Cumulative buckets: what lies beyond the largest finite bound is +Inf's count minus the largest finite one.
            scalar("sum(" + InstanceScrapes.FRESHNESS + "_bucket{le=\"+Inf\"}) - max(sum by (le) ("
                + InstanceScrapes.FRESHNESS + "_bucket{le!=\"+Inf\"}))", problems));
        return new Snapshot(health, counts, perMinute, freshness, List.copyOf(problems));
    }

    private static Double capped(Double quantile, Double max) {
        return quantile == null || max == null ? quantile : Math.min(quantile, max);
    }

    private Double scalar(String promql, List<String> problems) {
        List<JsonNode> result = query(promql, problems);
        return result.isEmpty() ? null : value(result.get(0));
    }

    private static Double value(JsonNode series) {
        JsonNode value = series.path("value").path(1);
        if (!value.isString()) {
            return null;
        }
        double parsed = Double.parseDouble(value.asString());
        return Double.isNaN(parsed) ? null : parsed;
    }

    private List<JsonNode> query(String promql, List<String> problems) {
        URI uri = UriComponentsBuilder.fromUri(prometheus).path("/api/v1/query").queryParam("query", "{q}")
            .build(promql);
        try {
            JsonNode answer = http.get().uri(uri).retrieve().body(JsonNode.class);
            List<JsonNode> result = new ArrayList<>();
            answer.path("data").path("result").forEach(result::add);
            return result;
        } catch (RuntimeException e) {
            problems.add("Prometheus (" + promql + "): " + e.getMessage());
            return List.of();
        }
    }
}
