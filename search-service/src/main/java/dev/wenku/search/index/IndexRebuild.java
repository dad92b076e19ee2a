package dev.wenku.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.EventDeserializer;
import dev.wenku.events.Topics;
import dev.wenku.kafkatable.TopicSnapshot;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Fills a new index from the compacted analysed-documents topic, which holds the latest analysis of every
 * document (tombstones for deleted ones), in bulk requests with the same external versions as live indexing.
 */
@Component
public class IndexRebuild {

    private static final Logger log = LoggerFactory.getLogger(IndexRebuild.class);
    private static final int BULK_SIZE = 500;
    private static final EventDeserializer<DocumentAnalyzed> EVENTS = new EventDeserializer<>(DocumentAnalyzed.class);

    private final ElasticsearchClient client;
    private final KafkaProperties kafka;
    private final Clock clock;

    public IndexRebuild(ElasticsearchClient client, KafkaProperties kafka, Clock clock) {
        this.client = client;
        this.kafka = kafka;
        this.clock = clock;
    }

    /** Indexes everything on the topic up to its current end into {@code index}; returns the documents written. */
    public int fill(String index) throws IOException {
        List<BulkOperation> batch = new ArrayList<>();
        int[] written = {0};
        TopicSnapshot.read(Topics.DOCUMENTS_ANALYZED, kafka.buildAdminProperties(), record -> {
            BulkOperation operation = operation(record);
            if (operation != null) {
                batch.add(operation);
            }
            if (batch.size() >= BULK_SIZE) {
                written[0] += flush(index, batch);
            }
        });
        written[0] += flush(index, batch);
        client.indices().refresh(r -> r.index(index));
        return written[0];
    }

    private BulkOperation operation(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return BulkOperation.of(o -> o.delete(d -> d.id(record.key())));
        }
        DocumentAnalyzed event;
        try {
            event = EVENTS.deserialize(record.topic(), record.value());
        } catch (RuntimeException unreadable) {
            log.warn("Rebuild skips unreadable record {} at offset {}", record.key(), record.offset());
            return null;
        }
        IndexedDocument document = IndexedDocument.from(event, clock.instant());
        return BulkOperation.of(o -> o.index(i -> i.id(document.id()).version(document.version())
            .versionType(VersionType.ExternalGte).document(document)));
    }

    private int flush(String index, List<BulkOperation> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        BulkResponse response;
        try {
            response = client.bulk(b -> b.index(index).operations(batch));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Rebuild of " + index + " could not write a bulk request", e);
        }
        response.items().stream()
            .filter(item -> item.error() != null && item.status() != 409 && item.status() != 404)
            .forEach(item -> log.warn("Rebuild could not write {}: {}", item.id(), item.error().reason()));
        int written = batch.size();
        batch.clear();
        return written;
    }
}
