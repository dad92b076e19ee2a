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
import java.util.concurrent.CopyOnWriteArrayList;
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
     * coordinator or a partition's leader may still be the dead broker until the controller notices: past this the
     * page answers with the brokers and partitions if they were read (any live broker tells them), without the lag and
     * dead letters.
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

    /** The brokers and topics, or null with what went wrong reading them. */
    private KafkaBacklog.State readState(List<String> problems) {
        try {
            return kafka.state();
        } catch (Exception e) {
            problems.add(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * Kafka's part of the overview within {@link #KAFKA_BUDGET}: the brokers and partitions, then the lag and dead
     * letters, each read as soon as it can be; what is not read by then is named among the problems.
     */
    private KafkaBacklog.Backlog readKafka() {
        List<String> failures = new CopyOnWriteArrayList<>();
        CompletableFuture<KafkaBacklog.State> stateRead = CompletableFuture.supplyAsync(() -> readState(failures),
            reads);
        CompletableFuture<KafkaBacklog.Backlog> backlogRead = stateRead.thenApplyAsync(state -> state == null
            ? KafkaBacklog.Backlog.NONE : kafka.backlog(state), reads);
        try {
            KafkaBacklog.Backlog backlog = backlogRead.get(KAFKA_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
            List<String> problems = new ArrayList<>(failures);
            problems.addAll(backlog.problems());
            return new KafkaBacklog.Backlog(backlog.lag(), backlog.deadLetters(), backlog.cluster(), problems);
        } catch (TimeoutException e) {
            KafkaBacklog.State state = stateRead.getNow(null);
            return new KafkaBacklog.Backlog(null, null, state == null ? null : state.cluster(),
                List.of(state == null ? "no answer within " + KAFKA_BUDGET.toSeconds() + " s"
                    : "consumer lag and dead letters: no answer within " + KAFKA_BUDGET.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new KafkaBacklog.Backlog(null, null, null, List.of("not read (interrupted)"));
        } catch (ExecutionException e) {
            // readState and KafkaBacklog.backlog answer every failure themselves: only an Error ends up here.
            return new KafkaBacklog.Backlog(null, null, null, List.of("not read (" + e.getCause() + ")"));
        }
    }

    Overview overview() {
        // The three sources at once, so a slow one does not add to the others: the page must answer within the
        // gateway's timeout while a broker or a node is down, which is when operators open it.
        CompletableFuture<KafkaBacklog.Backlog> kafkaRead = CompletableFuture.supplyAsync(this::readKafka, reads);
        CompletableFuture<ElasticsearchCluster> nodesRead = CompletableFuture.supplyAsync(
            () -> elasticsearch.configured() ? elasticsearch.read() : null, reads);
        PipelineSource.Snapshot figures = source.read();
        List<String> problems = new ArrayList<>(figures.problems());
        KafkaBacklog.Backlog backlog = kafkaRead.join();
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
