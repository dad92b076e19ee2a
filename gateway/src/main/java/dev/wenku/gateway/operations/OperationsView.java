package dev.wenku.gateway.operations;

import dev.wenku.gateway.routing.GatewayProperties;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Builds the {@link Overview} from the services' own {@code /actuator/health} and {@code /actuator/prometheus}
 * (the Micrometer metrics Prometheus would scrape) and from Kafka. A service that does not answer shows DOWN and
 * its figures as unknown; the rest of the overview is still there.
 */
@Component
class OperationsView {

    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, URI> services = new LinkedHashMap<>();
    private final WebClient http;
    private final KafkaBacklog kafka;
    private final PipelineRates rates = new PipelineRates();
    private final Clock clock = Clock.systemUTC();

    OperationsView(GatewayProperties gateway, KafkaBacklog kafka) {
        services.put("ingest-service", gateway.ingestUri());
        services.put("analysis-service", gateway.analysisUri());
        services.put("search-service", gateway.searchUri());
        this.http = WebClient.builder().codecs(c -> c.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build();
        this.kafka = kafka;
    }

    private record Probe(String service, String status, PrometheusText metrics) {
    }

    Mono<Overview> overview() {
        List<String> problems = new CopyOnWriteArrayList<>();
        Mono<List<Probe>> probes = Flux.fromIterable(services.entrySet())
            .flatMap(service -> probe(service.getKey(), service.getValue(), problems))
            .collectList();
        Mono<KafkaBacklog.Backlog> backlog = Mono.fromCallable(kafka::read).subscribeOn(Schedulers.boundedElastic())
            .onErrorResume(e -> {
                problems.add("Kafka: " + e.getMessage());
                return Mono.just(new KafkaBacklog.Backlog(null, null));
            });
        return Mono.zip(probes, backlog).map(both -> assemble(both.getT1(), both.getT2(), problems));
    }

    private Mono<Probe> probe(String name, URI base, List<String> problems) {
        Mono<String> health = http.get().uri(base.resolve("/actuator/health")).exchangeToMono(response ->
                response.bodyToMono(HealthStatus.class).map(HealthStatus::status).defaultIfEmpty("UNKNOWN"))
            .timeout(SERVICE_TIMEOUT).onErrorReturn("DOWN");
        Mono<PrometheusText> metrics = http.get().uri(base.resolve("/actuator/prometheus")).retrieve()
            .bodyToMono(String.class).map(PrometheusText::parse).timeout(SERVICE_TIMEOUT)
            .onErrorResume(e -> {
                problems.add(name + " metrics: " + e.getMessage());
                return Mono.just(PrometheusText.EMPTY);
            });
        return Mono.zip(health, metrics).map(t -> new Probe(name, t.getT1(), t.getT2()));
    }

    record HealthStatus(String status) {
    }

    private Overview assemble(List<Probe> probes, KafkaBacklog.Backlog backlog, List<String> problems) {
        Map<String, PrometheusText> metrics = new LinkedHashMap<>();
        List<Overview.ServiceHealth> health = new ArrayList<>();
        for (String name : services.keySet()) {
            Probe probe = probes.stream().filter(p -> p.service().equals(name)).findFirst().orElseThrow();
            metrics.put(name, probe.metrics());
            health.add(new Overview.ServiceHealth(name, probe.status()));
        }
        PrometheusText ingest = metrics.get("ingest-service");
        PrometheusText analysis = metrics.get("analysis-service");
        PrometheusText search = metrics.get("search-service");
        Map<String, Double> counts = new LinkedHashMap<>();
        counts.put("ingested", ingest.sum("wenku_documents_ingested_total",
            l -> "created".equals(l.get("outcome")) || "updated".equals(l.get("outcome"))));
        counts.put("analyzed", analysis.sum("wenku_documents_analyzed_total", l -> "analyzed".equals(l.get("outcome"))));
        counts.put("indexed", search.sum("wenku_documents_indexed_total", l -> "indexed".equals(l.get("outcome"))));
        counts.put("failed", plus(analysis.sum("wenku_documents_analyzed_total", l -> "failed".equals(l.get("outcome"))),
            search.sum("wenku_documents_indexed_total", l -> "refused".equals(l.get("outcome")))));
        Map<String, Double> perMinute = rates.record(clock.instant(), counts);
        Overview.Freshness freshness = new Overview.Freshness(
            search.sum("wenku_pipeline_freshness_seconds_count"),
            search.quantile("wenku_pipeline_freshness_seconds", 0.5),
            search.quantile("wenku_pipeline_freshness_seconds", 0.95),
            search.quantile("wenku_pipeline_freshness_seconds", 0.99),
            search.sum("wenku_pipeline_freshness_seconds_max"));
        return new Overview(clock.instant(), health, new Overview.Pipeline(counts.get("ingested"),
            counts.get("analyzed"), counts.get("indexed"), counts.get("failed"), perMinute), freshness,
            backlog.lag(), backlog.deadLetters(), List.copyOf(problems));
    }

    private static Double plus(Double a, Double b) {
        return a == null && b == null ? null : (a == null ? 0 : a) + (b == null ? 0 : b);
    }
}
