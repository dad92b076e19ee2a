package dev.wenku.benchmarks;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.wenku.benchmarks.SeedEssays.SimplifiedEssay;
import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.EventSerializer;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.ServiceModule;
import dev.wenku.search.SearchProperties;
import dev.wenku.search.index.DocumentIndex;
import dev.wenku.search.index.IndexedDocument;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Indexer throughput against a raw {@code _bulk} of the same documents into the same Elasticsearch node in the same
 * run. The indexer's figure is from a backlog of analysed events in Kafka until every one is searchable. The raw
 * figure is bulk requests of 500 straight into an index of the same mapping.
 * Arguments: [documents] [warm-up documents].
 */
public final class IndexerBenchmark {

    /**
     * Documents per round, by default. The clock of both ways runs until every document is searchable, so each
     * figure includes a wait of 0 to 1 s for the index's next refresh; with 20,000 that luck moves a figure by a few
     * per cent, not by the tenth it moved with 5,000.
     */
    static final int DOCUMENTS = 20_000;
    private static final int RAW_BULK = 500;
    private static final int ROUNDS = 2;
    /**
     * Documents written both ways before measuring, by default. Elasticsearch and search-service start cold, and on
     * the shared cores their JIT compilers are still busy long after start-up; each measured phase prints the share
     * of a core the compilers took, which shows whether the warm-up was long enough.
     */
    static final int WARM_UP_DOCUMENTS = 20_000;
    private static final String RAW_INDEX = "bench-raw";
    private static final String SCRATCH_INDEX = "bench-raw-scratch";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private IndexerBenchmark() {
    }

    /** Documents per second of both ways of indexing, mean of {@value #ROUNDS} rounds. */
    record Result(int documents, int warmUpDocuments, int averageCharacters, double indexerPerSecond,
                  double rawPerSecond) {

        double ratio() {
            return indexerPerSecond / rawPerSecond;
        }

        /** Documents the benchmark wrote into Elasticsearch: warm-up and rounds, both ways. */
        int documentsWritten() {
            return 2 * (warmUpDocuments + ROUNDS * documents);
        }
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : DOCUMENTS;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : WARM_UP_DOCUMENTS;
        ProjectLayout layout = ProjectLayout.locate();
        List<SimplifiedEssay> essays = SeedEssays.load(layout.seeds().resolve("000_46f25000791b86e7.txt"));
        Path data = Files.createTempDirectory("wenku-indexer-bench-");
        try (LocalPlatform platform = LocalPlatform.start(layout, data, LocalPlatform.Ports.ANY_FREE, null)) {
            print(measure(platform, essays, count, warmUp));
        } finally {
            Directories.deleteRecursively(data);
        }
    }

    /** Indexes {@code count} documents made of {@code essays} both ways, in alternating rounds, after a warm-up. */
    static Result measure(LocalPlatform platform, List<SimplifiedEssay> essays, int count, int warmUpDocuments)
            throws Exception {
        try (Rest5Client rest = Rest5Client.builder(URI.create(platform.infrastructure().elasticsearchUrl())).build()) {
            ElasticsearchClient client = client(rest);
            createIndex(client, RAW_INDEX);
            List<DocumentAnalyzed> warmUp = events(essays, "warm-up-", warmUpDocuments);
            System.out.printf("Warm-up, %,d documents each way:%n", warmUpDocuments);
            indexer(platform, client, warmUp);
            rawBulk(platform, client, RAW_INDEX, warmUp);
            // Rounds alternate, and which way goes first too, so both indexes grow alike and neither way always
            // follows the other's background work (merges, refreshes).
            double indexer = 0;
            double raw = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                List<DocumentAnalyzed> events = events(essays, "bench-" + round + "-", count);
                System.out.printf("Round %d:%n", round);
                double roundIndexer;
                double roundRaw;
                if (round % 2 == 1) {
                    roundIndexer = indexer(platform, client, events);
                    roundRaw = rawBulk(platform, client, RAW_INDEX, events);
                } else {
                    roundRaw = rawBulk(platform, client, RAW_INDEX, events);
                    roundIndexer = indexer(platform, client, events);
                }
                System.out.printf("  round %d: indexer %.0f documents/s, raw _bulk %.0f documents/s (%.2f×)%n", round,
                    roundIndexer, roundRaw, roundIndexer / roundRaw);
                indexer += roundIndexer / ROUNDS;
                raw += roundRaw / ROUNDS;
            }
            int averageCharacters = essays.stream().mapToInt(e -> e.body().length()).sum() / essays.size();
            return new Result(count, warmUpDocuments, averageCharacters, indexer, raw);
        }
    }

    /**
     * Documents per second of one raw {@code _bulk} of {@code events} (their ids sharing a prefix up to the last
     * '-') into a scratch index of the search index's mapping, deleted afterwards: the bulk import benchmark's
     * reference for what Elasticsearch alone can take.
     */
    static double rawBulkIntoScratchIndex(LocalPlatform platform, List<DocumentAnalyzed> events) throws Exception {
        try (Rest5Client rest = Rest5Client.builder(URI.create(platform.infrastructure().elasticsearchUrl())).build()) {
            ElasticsearchClient client = client(rest);
            createIndex(client, SCRATCH_INDEX);
            try {
                return rawBulk(platform, client, SCRATCH_INDEX, events);
            } finally {
                client.indices().delete(d -> d.index(SCRATCH_INDEX));
            }
        }
    }

    private static ElasticsearchClient client(Rest5Client rest) {
        return new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
    }

    /** An index of the same mapping and settings as search-service's, by default. */
    private static void createIndex(ElasticsearchClient client, String index) throws IOException {
        SearchProperties settings = SearchProperties.defaults();
        String definition = DocumentIndex.definition(settings.indexShards(), settings.indexReplicas());
        client.indices().create(c -> c.index(index).withJson(new StringReader(definition)));
    }

    static void print(Result result) {
        System.out.printf("%nIndexing %d documents of %d characters on average, mean of %d rounds after %,d documents"
            + " of warm-up:%n", result.documents(), result.averageCharacters(), ROUNDS, result.warmUpDocuments());
        System.out.printf("  indexer draining a backlog (Kafka → search-service → searchable): %8.0f documents/s%n",
            result.indexerPerSecond());
        System.out.printf("  raw _bulk of %d into the same node:                              %8.0f documents/s%n",
            RAW_BULK, result.rawPerSecond());
        System.out.printf("indexer/raw ratio: %.2f (target ≥ 0.80)%n", result.ratio());
    }

    /** "bench-2-" of "bench-2-17": the round's documents. */
    private static String idPrefix(String documentId) {
        return documentId.substring(0, documentId.lastIndexOf('-') + 1);
    }

    private static List<DocumentAnalyzed> events(List<SimplifiedEssay> essays, String idPrefix, int count) {
        List<DocumentAnalyzed> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SimplifiedEssay essay = essays.get(i % essays.size());
            Instant now = Instant.now();
            events.add(new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, idPrefix + i, 1, essay.title() + " " + i,
                essay.body(), essay.title() + " " + i, essay.body(), "benchmark", List.of(),
                List.of(new DocumentAnalyzed.Keyword("新质生产力", 1.0, "xinzhishengchanli")), List.of(), null, List.of(),
                List.of(new DocumentAnalyzed.Theme("technological-innovation", "科技创新", 0.5)), null, now, now));
        }
        return events;
    }

    /**
     * The events are published while indexing is paused, then indexing resumes: the figure is how fast the indexer
     * drains a backlog of analysed events into searchable documents, without the publisher's work in it.
     */
    private static double indexer(LocalPlatform platform, ElasticsearchClient client, List<DocumentAnalyzed> events)
            throws Exception {
        String indexing = platform.url(ServiceModule.SEARCH) + "/api/search/indexing";
        String operator = DirectCalls.operator(platform);
        post(indexing + "/pause", operator);
        while (!HTTP.send(HttpRequest.newBuilder(URI.create(indexing)).header("Authorization", operator).build(),
                BodyHandlers.ofString()).body()
                .contains("\"consumersIdle\":true")) {
            Thread.sleep(100);
        }
        try (var producer = new KafkaProducer<String, PipelineEvent>(producerSettings(platform),
                new StringSerializer(), new EventSerializer())) {
            for (DocumentAnalyzed event : events) {
                producer.send(new ProducerRecord<>(Topics.DOCUMENTS_ANALYZED, event.documentId(), event));
            }
        }
        awaitIngestCaughtUp(platform);
        double bulkSecondsBefore = bulkSeconds(platform);
        PlatformCpu cpu = PlatformCpu.start(platform);
        long start = System.nanoTime();
        post(indexing + "/resume", operator);
        awaitSearchable(client, "wenku-documents", events);
        double seconds = (System.nanoTime() - start) / 1e9;
        double bulkShare = (bulkSeconds(platform) - bulkSecondsBefore) / seconds;
        System.out.printf("  indexer: %.1f s, a bulk request in Elasticsearch during %.0f %% of it;"
            + " JIT compilers on the platform: %s%n", seconds, 100 * bulkShare, cpu.describeCompilersSinceStart());
        return events.size() / seconds;
    }

    /** search-service's {@code wenku_indexing_bulk_duration_seconds_sum}: time its bulk requests were in Elasticsearch. */
    private static double bulkSeconds(LocalPlatform platform) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(platform.url(ServiceModule.SEARCH)
            + "/actuator/prometheus")).build(), BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith("wenku_indexing_bulk_duration_seconds_sum"))
            .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * Waits until ingest-service has read everything on its topics: it keeps each analysis's summary, so publishing
     * the backlog gives it work too, which would otherwise still take CPU from the measured drain (the raw figure
     * is measured without it).
     */
    static void awaitIngestCaughtUp(LocalPlatform platform) throws Exception {
        try (Admin admin = Admin.create(platform.infrastructure().kafkaClientSettings())) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (lag(admin) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("ingest-service still has " + lag(admin) + " records to read");
                }
                Thread.sleep(100);
            }
        }
    }

    private static long lag(Admin admin) throws Exception {
        long lag = 0;
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            if (!group.groupId().startsWith("ingest-service")) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            for (var entry : committed.entrySet()) {
                lag += ends.get(entry.getKey()).offset() - (entry.getValue() == null ? 0 : entry.getValue().offset());
            }
        }
        return lag;
    }

    private static void post(String url, String authorization) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.noBody()).build(), BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /**
     * Bulk requests of {@value #RAW_BULK} straight into an index of the same mapping, while the same count query as
     * for the indexer polls it: both figures end when every document is searchable, with the same refreshes.
     */
    private static double rawBulk(LocalPlatform platform, ElasticsearchClient client, String index,
                                  List<DocumentAnalyzed> events) throws Exception {
        awaitIngestCaughtUp(platform);
        PlatformCpu cpu = PlatformCpu.start(platform);
        long start = System.nanoTime();
        Instant now = Instant.now();
        CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
            for (int from = 0; from < events.size(); from += RAW_BULK) {
                List<BulkOperation> operations = events.subList(from, Math.min(events.size(), from + RAW_BULK)).stream()
                    .map(e -> IndexedDocument.from(e, now))
                    .map(d -> BulkOperation.of(o -> o.index(i -> i.id(d.id()).document(d)))).toList();
                try {
                    BulkResponse response = client.bulk(b -> b.index(index).operations(operations));
                    if (response.errors()) {
                        throw new IllegalStateException("The raw _bulk into " + index + " failed: " + response.items()
                            .stream().filter(item -> item.error() != null).findFirst().orElseThrow().error().reason());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        awaitSearchable(client, index, events, writes);
        writes.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("  raw _bulk: %.1f s; JIT compilers on the platform: %s%n", seconds,
            cpu.describeCompilersSinceStart());
        return events.size() / seconds;
    }

    private static void awaitSearchable(ElasticsearchClient client, String index, List<DocumentAnalyzed> events)
            throws Exception {
        awaitSearchable(client, index, events, CompletableFuture.completedFuture(null));
    }

    /** Until every event is searchable, or the {@code writes} failed (then with their failure, not forever). */
    private static void awaitSearchable(ElasticsearchClient client, String index, List<DocumentAnalyzed> events,
                                        CompletableFuture<Void> writes) throws Exception {
        String idPrefix = idPrefix(events.getFirst().documentId());
        while (client.count(c -> c.index(index).query(q -> q.prefix(p -> p.field("id").value(idPrefix)))).count()
                < events.size()) {
            if (writes.isCompletedExceptionally()) {
                writes.join();
            }
            Thread.sleep(50);
        }
    }

    /** The benchmark publishes as the super user: it stands in for analysis-service, whose account it has not. */
    static Map<String, Object> producerSettings(LocalPlatform platform) {
        Map<String, Object> settings = new HashMap<>(platform.infrastructure().kafkaClientSettings());
        settings.put("acks", "all");
        settings.put("linger.ms", 5);
        return settings;
    }
}
