package dev.wenku.operations.overview;

import dev.wenku.operations.OperationsProperties;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The overview's figures read from every instance of each service (as Spring Cloud's discovery client lists them):
 * each instance's {@code /actuator/health} and its metrics in Prometheus's protobuf format, added up over the
 * instances of a service. Used when no Prometheus is configured, e.g. on the embedded platform. An instance that does
 * not answer shows DOWN and its figures are missing from the sums (named among the problems).
 */
final class InstanceScrapes implements PipelineSource {

    static final String FRESHNESS = "wenku_pipeline_freshness_seconds";

    private final DiscoveryClient discovery;
    private final List<String> services;
    private final RestClient http;
    private final ExecutorService scrapes = Executors.newVirtualThreadPerTaskExecutor();

    InstanceScrapes(DiscoveryClient discovery, OperationsProperties properties) {
        this.discovery = discovery;
        this.services = properties.services();
        Duration timeout = properties.scrapeTimeout();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
            HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    @Override
    public String name() {
        return "instances";
    }

    private record Scrape(String service, Overview.InstanceHealth health, ScrapedMetrics metrics) {
    }

    @Override
    public Snapshot read() {
        List<String> problems = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Scrape>> pending = new ArrayList<>();
        for (String service : services) {
            List<ServiceInstance> instances = discovery.getInstances(service);
            if (instances.isEmpty()) {
                problems.add(service + ": no instance is known (spring.cloud.discovery.client.simple.instances."
                    + service + ")");
            }
            for (ServiceInstance instance : instances) {
                pending.add(CompletableFuture.supplyAsync(() -> scrape(service, instance, problems), scrapes));
            }
        }
        List<Scrape> scraped = pending.stream().map(CompletableFuture::join).toList();
        Map<String, ScrapedMetrics> metrics = new LinkedHashMap<>();
        List<Overview.ServiceHealth> health = new ArrayList<>();
        for (String service : services) {
            List<Scrape> ofService = scraped.stream().filter(s -> s.service().equals(service)).toList();
            metrics.put(service, ScrapedMetrics.merge(ofService.stream().map(Scrape::metrics).toList()));
            health.add(Overview.ServiceHealth.of(service, ofService.stream().map(Scrape::health).toList()));
        }
        ScrapedMetrics ingest = metrics.getOrDefault("ingest-service", ScrapedMetrics.NONE);
        ScrapedMetrics analysis = metrics.getOrDefault("analysis-service", ScrapedMetrics.NONE);
        ScrapedMetrics search = metrics.getOrDefault("search-service", ScrapedMetrics.NONE);
        Map<String, Double> counts = new LinkedHashMap<>();
        counts.put("ingested", ingest.sum("wenku_documents_ingested_total", "outcome", "created", "updated"));
        counts.put("analyzed", analysis.sum("wenku_documents_analyzed_total", "outcome", "analyzed"));
        counts.put("indexed", search.sum("wenku_documents_indexed_total", "outcome", "indexed"));
        counts.put("failed", plus(analysis.sum("wenku_documents_analyzed_total", "outcome", "failed"),
            search.sum("wenku_documents_indexed_total", "outcome", "refused")));
        return new Snapshot(health, counts, null, freshness(search), List.copyOf(problems));
    }

    private Scrape scrape(String service, ServiceInstance instance, List<String> problems) {
        String address = instance.getUri().toString();
        String status;
        try {
            JsonNode body = http.get().uri(instance.getUri().resolve("/actuator/health"))
                .exchange((request, response) -> response.bodyTo(JsonNode.class));
            status = body == null ? "UNKNOWN" : body.path("status").asString("UNKNOWN");
        } catch (RuntimeException e) {
            status = "DOWN";
        }
        ScrapedMetrics metrics;
        try {
            metrics = http.get().uri(instance.getUri().resolve("/actuator/prometheus"))
                .header("Accept", ScrapedMetrics.PROTOBUF)
                .exchange((request, response) -> {
                    try (InputStream body = response.getBody()) {
                        return ScrapedMetrics.read(body);
                    }
                });
        } catch (RuntimeException e) {
            problems.add(service + " at " + address + ": metrics not readable (" + e.getMessage() + ")");
            metrics = ScrapedMetrics.NONE;
        }
        return new Scrape(service, new Overview.InstanceHealth(address, status), metrics);
    }

    static Overview.Freshness freshness(ScrapedMetrics search) {
        NavigableMap<Double, Double> buckets = search.buckets(FRESHNESS);
        Double max = search.max(FRESHNESS + "_max");
        if (buckets.isEmpty()) {
            return new Overview.Freshness(null, null, null, null, max, null);
        }
        return new Overview.Freshness(buckets.lastEntry().getValue(), HistogramQuantile.of(buckets, 0.5, max),
            HistogramQuantile.of(buckets, 0.95, max), HistogramQuantile.of(buckets, 0.99, max), max,
            HistogramQuantile.beyondTopBucket(buckets));
    }

    private static Double plus(Double a, Double b) {
        return a == null && b == null ? null : (a == null ? 0 : a) + (b == null ? 0 : b);
    }
}
