package dev.wenku.operations.overview;

import dev.wenku.operations.OperationsProperties;
import dev.wenku.operations.backlog.KafkaBacklog;
import dev.wenku.operations.elasticsearch.ElasticsearchCluster;
import dev.wenku.operations.elasticsearch.ElasticsearchNodes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link Overview}: the pipeline's figures from Prometheus when {@code wenku.operations.prometheus-url} is
 * set, otherwise from every instance of each service ({@link PipelineSource}); consumer lag and dead letters from Kafka
 * itself, so they are right even while a consumer is down (which is when they matter); Elasticsearch's nodes from
 * each node ({@link ElasticsearchNodes}).
 */
@Component
class OperationsView {

    /**
     * How long the overview waits for Kafka's part. Each admin call has 3 s; with a broker just killed, a group's
     * coordinator or a partition's leader may still be the dead broker until the controller notices, and reads that
     * queued behind the gauges' refresh wait for it too: past this the page answers without Kafka's part.
     */
    private static final Duration KAFKA_BUDGET = Duration.ofSeconds(5);

    private final PipelineSource source;
    private final KafkaBacklog kafka;
    private final ElasticsearchNodes elasticsearch;
    private final PipelineRates rates = new PipelineRates();
    private final BacklogDrain drain = new BacklogDrain();
    private final Clock clock;
    private final ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor();

    OperationsView(OperationsProperties properties, DiscoveryClient discovery, KafkaBacklog kafka,
                   ElasticsearchNodes elasticsearch, Clock clock) {
        this.source = properties.prometheusUrl() != null ? new PrometheusQueries(properties)
            : new InstanceScrapes(discovery, properties);
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
        this.clock = clock;
    }

    /** Kafka's part of the overview, or what went wrong reading it. */
    private KafkaBacklog.Backlog readKafka() {
        try {
            return kafka.read();
        } catch (Exception e) {
            return new KafkaBacklog.Backlog(null, null, null, List.of(e.getMessage() != null ? e.getMessage()
                : e.getClass().getSimpleName()));
        }
    }

    Overview overview() {
        // The three sources at once, so a slow one does not add to the others: the page must answer within the
        // gateway's timeout while a broker or a node is down, which is when operators open it.
        CompletableFuture<KafkaBacklog.Backlog> backlogRead = CompletableFuture.supplyAsync(this::readKafka, reads);
        CompletableFuture<ElasticsearchCluster> nodesRead = CompletableFuture.supplyAsync(
            () -> elasticsearch.configured() ? elasticsearch.read() : null, reads);
        PipelineSource.Snapshot figures = source.read();
        List<String> problems = new ArrayList<>(figures.problems());
        KafkaBacklog.Backlog backlog;
        try {
            backlog = backlogRead.get(KAFKA_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            problems.add("Kafka: no answer within " + KAFKA_BUDGET.toSeconds() + " s");
            backlog = KafkaBacklog.Backlog.NONE;
        } catch (InterruptedException | ExecutionException e) {
            // readKafka answers every failure itself; only an interrupt (or an Error) ends up here.
            problems.add("Kafka: not read (" + e.getClass().getSimpleName() + ")");
            backlog = KafkaBacklog.Backlog.NONE;
        }
        backlog.problems().forEach(problem -> problems.add("Kafka: " + problem));
        ElasticsearchCluster nodes = nodesRead.join();
        if (nodes != null && nodes.nodesDown().size() == nodes.nodes().size()) {
            problems.add("Elasticsearch: no configured node answers (spring.elasticsearch.uris)");
        } else if (nodes != null && nodes.status() == null && nodes.nodes().stream().anyMatch(n -> n.name() != null)) {
            // A node let us in (it said its name) but gave no health: worth saying. A node that answered 401 to a
            // deployment without a monitoring user is the documented case of a page without the cluster's health.
            problems.add("Elasticsearch: no node reported the cluster's health");
        }
        Map<String, Double> counts = figures.counts();
        Map<String, Double> perMinute = figures.perMinute() != null ? figures.perMinute()
            : rates.record(clock.instant(), counts);
        Overview.Pipeline pipeline = new Overview.Pipeline(counts.get("ingested"), counts.get("analyzed"),
            counts.get("indexed"), counts.get("failed"), perMinute);
        return new Overview(clock.instant(), source.name(), figures.services(), pipeline, figures.freshness(),
            drain.record(clock.instant(), backlog.lag()), backlog.lag(), backlog.deadLetters(), backlog.cluster(),
            nodes, List.copyOf(problems));
    }
}
