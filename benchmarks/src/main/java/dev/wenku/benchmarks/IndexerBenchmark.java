package dev.wenku.benchmarks;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
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
import dev.wenku.search.index.DocumentIndex;
import dev.wenku.search.index.IndexedDocument;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Indexer throughput against a raw {@code _bulk} of the same documents into the same Elasticsearch node in the same
 * run. The indexer's figure is end to end: analysed events published to Kafka until every one is searchable
 * through search-service. The raw figure is bulk requests of 500 straight into an index of the same mapping.
 * Arguments: [documents].
 */
public final class IndexerBenchmark {

    private static final int RAW_BULK = 500;

    private IndexerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        ProjectLayout layout = ProjectLayout.locate();
        List<SimplifiedEssay> essays = SeedEssays.load(layout.seeds().resolve("000_46f25000791b86e7.txt"));
        List<DocumentAnalyzed> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SimplifiedEssay essay = essays.get(i % essays.size());
            Instant now = Instant.now();
            events.add(new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, "bench-" + i, 1, essay.title() + " " + i,
                essay.body(), essay.title() + " " + i, essay.body(), "benchmark", List.of(),
                List.of(new DocumentAnalyzed.Keyword("新质生产力", 1.0, "xinzhishengchanli")), List.of(), null, List.of(),
                List.of(new DocumentAnalyzed.Theme("technological-innovation", "科技创新", 0.5)), null, now, now));
        }
        Path data = Files.createTempDirectory("wenku-indexer-bench-");
        try (LocalPlatform platform = LocalPlatform.start(layout, data, LocalPlatform.Ports.ANY_FREE, null);
             Rest5Client rest = Rest5Client.builder(URI.create(platform.infrastructure().elasticsearchUrl())).build()) {
            ElasticsearchClient client = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
            double indexer = indexer(platform, client, events);
            double raw = rawBulk(client, events);
            System.out.printf("%nIndexing %d documents of %d characters on average:%n", count,
                events.stream().mapToInt(e -> e.body().length()).sum() / count);
            System.out.printf("  indexer (Kafka → search-service → Elasticsearch, searchable): %8.0f documents/s%n", indexer);
            System.out.printf("  raw _bulk of %d into the same node:                          %8.0f documents/s%n", RAW_BULK, raw);
            System.out.printf("indexer/raw ratio: %.2f (target ≥ 0.80)%n", indexer / raw);
        } finally {
            Directories.deleteRecursively(data);
        }
    }

    private static double indexer(LocalPlatform platform, ElasticsearchClient client, List<DocumentAnalyzed> events)
            throws Exception {
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<String, PipelineEvent>(Map.of("bootstrap.servers",
                platform.infrastructure().kafkaBootstrapServers(), "acks", "all", "linger.ms", 5),
                new StringSerializer(), new EventSerializer())) {
            for (DocumentAnalyzed event : events) {
                producer.send(new ProducerRecord<>(Topics.DOCUMENTS_ANALYZED, event.documentId(), event));
            }
        }
        while (client.count(c -> c.index("wenku-documents").query(q -> q.prefix(p -> p.field("id").value("bench-"))))
                .count() < events.size()) {
            Thread.sleep(50);
        }
        return events.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static double rawBulk(ElasticsearchClient client, List<DocumentAnalyzed> events) throws Exception {
        try (InputStream definition = IndexedDocument.class.getClassLoader().getResourceAsStream(DocumentIndex.DEFINITION)) {
            client.indices().create(c -> c.index("bench-raw").withJson(definition));
        }
        long start = System.nanoTime();
        Instant now = Instant.now();
        for (int from = 0; from < events.size(); from += RAW_BULK) {
            List<BulkOperation> operations = events.subList(from, Math.min(events.size(), from + RAW_BULK)).stream()
                .map(e -> IndexedDocument.from(e, now))
                .map(d -> BulkOperation.of(o -> o.index(i -> i.id(d.id()).document(d)))).toList();
            client.bulk(b -> b.index("bench-raw").operations(operations));
        }
        client.indices().refresh(r -> r.index("bench-raw"));
        return events.size() / ((System.nanoTime() - start) / 1e9);
    }
}
