package dev.wenku.search.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.util.ObjectBuilder;
import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.search.SearchProperties;
import dev.wenku.search.Settings;
import dev.wenku.search.index.DocumentIndexer.Change;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DocumentIndexerMetricsTest {

    private static final Instant ACKNOWLEDGED = Instant.parse("2026-11-27T10:15:30Z");

    private final ElasticsearchAsyncClient client = mock(ElasticsearchAsyncClient.class);
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final DocumentIndexer indexer = indexer(meters);

    @Test
    void eachChangeIsCountedByWhatElasticsearchDidWithIt() {
        answer(item(201, null), item(409, "version_conflict_engine_exception"), item(200, null),
            item(400, "document_parsing_exception"));
        write(indexer, written("a", Duration.ofSeconds(1)), written("b", Duration.ofSeconds(1)), deletion("c"),
            written("d", Duration.ofSeconds(1)));
        assertEquals(1, indexed("indexed"));
        assertEquals(1, indexed("older_ignored"));
        assertEquals(1, indexed("deleted"));
        assertEquals(1, indexed("refused"));
    }

    @Test
    void freshnessRunsFromIngestedAtToElasticsearchsAcknowledgementForWrittenDocumentsOnly() {
        answer(item(201, null), item(201, null), item(409, "version_conflict_engine_exception"),
            item(400, "mapper_parsing_exception"));
        write(indexer, written("a", Duration.ofMillis(800)), written("b", Duration.ofMillis(2000)),
            written("c", Duration.ofSeconds(60)), written("d", Duration.ofSeconds(60)));

        Timer freshness = meters.get(DocumentIndexer.FRESHNESS).timer();
        assertEquals(2, freshness.count(), "only the two written documents");
        assertEquals(2.8, freshness.totalTime(TimeUnit.SECONDS), 1e-9);
        assertEquals(2.0, freshness.max(TimeUnit.SECONDS), 1e-9);
        assertEquals(0, bucket(freshness, 0.5));
        assertEquals(1, bucket(freshness, 1.0));
        assertEquals(1, bucket(freshness, 1.2));
        assertEquals(2, bucket(freshness, 2.5));
        assertEquals(2, bucket(freshness, 10));
    }

    @Test
    void freshnessBehindALongBacklogLandsInAFiniteBucketSoPercentilesStayTrue() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DocumentIndexer exported = indexer(prometheus);
        answer(item(201, null), item(201, null));
        write(exported, written("a", Duration.ofMinutes(12)), written("b", Duration.ofMinutes(25)));

        java.util.Map<Double, Double> buckets = new java.util.TreeMap<>();
        java.util.regex.Matcher bucket = java.util.regex.Pattern
            .compile("wenku_pipeline_freshness_seconds_bucket\\{le=\"([0-9.]+)\"} ([0-9.]+)").matcher(prometheus.scrape());
        while (bucket.find()) {
            buckets.put(Double.parseDouble(bucket.group(1)), Double.parseDouble(bucket.group(2)));
        }
        assertEquals(0, buckets.get(300.0), "12 minutes is beyond 5: " + buckets);
        assertEquals(1, buckets.get(900.0), "12 minutes is within 15: " + buckets);
        assertTrue(buckets.entrySet().stream().anyMatch(b -> b.getKey() >= 25 * 60 && b.getValue() == 2),
            "a finite bucket holds 25 minutes: " + buckets);
    }

    @Test
    void bulkRequestsAreMeasuredInDocumentsAndTime() {
        answer(item(201, null), item(201, null), item(201, null));
        write(indexer, written("a", Duration.ZERO), written("b", Duration.ZERO), written("c", Duration.ZERO));
        answer(item(201, null));
        write(indexer, written("d", Duration.ZERO));

        assertEquals(2, meters.get(DocumentIndexer.BULK_SIZE).summary().count());
        assertEquals(4, meters.get(DocumentIndexer.BULK_SIZE).summary().totalAmount());
        assertEquals(3, meters.get(DocumentIndexer.BULK_SIZE).summary().max());
        assertEquals(2, meters.get(DocumentIndexer.BULK_DURATION).timer().count());
    }

    @Test
    void aBulkRequestThatFailsIsTimedButCountsNoDocument() {
        when(client.bulk(anyBuilder()))
            .thenReturn(CompletableFuture.failedFuture(new IOException("connection refused")));
        assertThrows(ElasticsearchUnavailableException.class, () -> write(indexer, written("a", Duration.ZERO)));
        assertEquals(1, meters.get(DocumentIndexer.BULK_DURATION).timer().count());
        assertEquals(0, indexed("indexed"));
        assertEquals(0, meters.get(DocumentIndexer.FRESHNESS).timer().count());
    }

    @Test
    void prometheusSeesTheNamesTheReadmeDocuments() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DocumentIndexer exported = indexer(prometheus);
        answer(item(201, null), item(400, "document_parsing_exception"));
        write(exported, written("a", Duration.ofMillis(700)), written("b", Duration.ZERO));

        String text = prometheus.scrape();
        assertTrue(text.contains("wenku_pipeline_freshness_seconds_count 1"), text);
        assertTrue(text.contains("wenku_pipeline_freshness_seconds_bucket{le=\"1.2\"} 1"), text);
        assertTrue(text.contains("wenku_documents_indexed_total{outcome=\"indexed\"} 1"), text);
        assertTrue(text.contains("wenku_documents_indexed_total{outcome=\"refused\"} 1"), text);
        assertTrue(text.contains("wenku_indexing_bulk_size_documents_count 1"), text);
        assertTrue(text.contains("wenku_indexing_bulk_duration_seconds_count 1"), text);
    }

    private static void write(DocumentIndexer indexer, Change... changes) {
        RecordedBatch.writeAll(indexer, Stream.of(changes));
    }

    private DocumentIndexer indexer(MeterRegistry registry) {
        SearchProperties properties = Settings.search();
        when(client._jsonpMapper()).thenReturn(new Jackson3JsonpMapper());
        return new DocumentIndexer(client, new DocumentIndex(mock(ElasticsearchClient.class), properties, null, Clock.systemUTC()),
            properties, Clock.fixed(ACKNOWLEDGED, ZoneOffset.UTC), registry);
    }

    private void answer(BulkResponseItem... items) {
        BulkResponse response = BulkResponse.of(r -> r.errors(false).took(1).items(List.of(items)));
        when(client.bulk(anyBuilder())).thenReturn(CompletableFuture.completedFuture(response));
    }

    private static Function<BulkRequest.Builder, ObjectBuilder<BulkRequest>> anyBuilder() {
        return any();
    }

    private static BulkResponseItem item(int status, String errorType) {
        return BulkResponseItem.of(i -> {
            i.operationType(OperationType.Index).index("wenku-documents-v6").id("x").status(status);
            if (errorType != null) {
                i.error(e -> e.type(errorType).reason(errorType));
            }
            return i;
        });
    }

    /** A document accepted by ingest {@code age} before Elasticsearch acknowledges its write. */
    private static Change written(String id, Duration age) {
        Instant ingestedAt = ACKNOWLEDGED.minus(age);
        return new Change(id, new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, id, 1, "标题", "正文", "标题", "正文",
            null, List.of(), List.of(), List.of(), null, List.of(), List.of(), null, ingestedAt, ingestedAt));
    }

    private static Change deletion(String id) {
        return new Change(id, null);
    }

    private double indexed(String outcome) {
        return meters.get(DocumentIndexer.INDEXED).tag("outcome", outcome).counter().count();
    }

    private static double bucket(Timer timer, double seconds) {
        for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
            if (Math.abs(bucket.bucket(TimeUnit.SECONDS) - seconds) < 1e-9) {
                return bucket.count();
            }
        }
        throw new AssertionError("no bucket at " + seconds + " s");
    }
}
