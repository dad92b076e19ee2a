package dev.wenku.search.pipeline;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.EventDeserializer;
import dev.wenku.events.Topics;
import dev.wenku.search.index.DocumentIndexer;
import dev.wenku.search.index.DocumentIndexer.Change;
import dev.wenku.search.index.DocumentIndexer.Outcome;
import dev.wenku.search.index.DocumentIndexer.Result;
import dev.wenku.search.index.ElasticsearchUnavailableException;
import dev.wenku.support.kafka.BatchLogging;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Indexes analysed documents in batches (up to {@code wenku.search.bulk.max-documents} per poll, written in bulk
 * requests of {@code wenku.search.bulk.request-documents}) and reports each
 * one INDEXED, or FAILED with a dead letter when Elasticsearch refuses it; a tombstone deletes. A batch's offsets
 * are committed only after all of that is done. When more records are already waiting, the batch's last request is
 * left in flight while the next batch is fetched ({@link IndexWriters}). While Elasticsearch is unavailable the
 * whole batch is retried with the consumer paused ({@link IndexingErrorHandling}), so nothing is skipped and nothing
 * crash-loops.
 */
@Component
public class AnalyzedDocumentListener {

    static final String LISTENER_ID = "indexing";

    private static final Logger log = LoggerFactory.getLogger(AnalyzedDocumentListener.class);
    private static final EventDeserializer<DocumentAnalyzed> EVENTS = new EventDeserializer<>(DocumentAnalyzed.class);

    private final IndexWriters writers;
    private final IndexingReports reports;
    private final IndexingTraces traces;

    public AnalyzedDocumentListener(IndexWriters writers, IndexingReports reports, IndexingTraces traces) {
        this.writers = writers;
        this.reports = reports;
        this.traces = traces;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.DOCUMENTS_ANALYZED, batch = "true",
        groupId = "${spring.kafka.consumer.group-id:search-service}", concurrency = "${wenku.search.bulk.threads:1}")
    public void onAnalyzed(List<ConsumerRecord<String, byte[]>> records, Acknowledgment acknowledgment,
                           Consumer<?, ?> consumer) {
        IndexedBatch batch = new IndexedBatch(records, acknowledgment);
        try {
            writers.current().write(batch.changes(), batch, IndexWriters.moreRecordsWaiting(consumer));
        } catch (ElasticsearchUnavailableException unavailable) {
            log.warn("Batch of {} changes not indexed, retried with the consumer paused: {}", records.size(),
                unavailable.getMessage());
            throw unavailable;
        }
    }

    /** One poll's records: decoded lazily, traced and reported as Elasticsearch answers, committed when complete. */
    private final class IndexedBatch implements DocumentIndexer.Batch {

        private final List<ConsumerRecord<String, byte[]>> records;
        private final Acknowledgment acknowledgment;
        private final IndexingReports.Batch reports = AnalyzedDocumentListener.this.reports.batch();
        private final Map<Change, ConsumerRecord<String, byte[]>> recordOf = new IdentityHashMap<>();
        private final boolean perDocument;

        IndexedBatch(List<ConsumerRecord<String, byte[]>> records, Acknowledgment acknowledgment) {
            this.records = records;
            this.acknowledgment = acknowledgment;
            this.perDocument = BatchLogging.perDocument(records.size());
        }

        /** Read lazily: the indexer decodes the next request's events while Elasticsearch writes the previous one. */
        Stream<Change> changes() {
            return records.stream().map(record -> {
                try {
                    Change change = new Change(record.key(), record.value() == null ? null
                        : EVENTS.deserialize(record.topic(), record.value()));
                    recordOf.put(change, record);
                    return change;
                } catch (RuntimeException unreadable) {
                    reports.deadLetter(record, "unreadable: " + unreadable.getMessage());
                    return null;
                }
            }).filter(Objects::nonNull);
        }

        @Override
        public void acknowledged(List<Result> results) {
            for (Result result : results) {
                traces.written(recordOf.get(result.change()), result.outcome().name().toLowerCase(Locale.ROOT),
                    perDocument);
                if (result.outcome() == Outcome.REFUSED) {
                    log.error("Elasticsearch refused document {}: {}", result.change().documentId(), result.reason());
                    reports.refused(result.change().event(), result.reason(), records);
                } else if (result.outcome() == Outcome.WRITTEN) {
                    reports.indexed(result.change().event());
                }
            }
        }

        @Override
        public void completed() {
            reports.flush();
            acknowledgment.acknowledge();
            BatchLogging.batch(log, "Indexed", records);
        }
    }
}
