package dev.wenku.search.semantic;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.EventDeserializer;
import dev.wenku.events.Topics;
import dev.wenku.search.SearchProperties;
import dev.wenku.search.semantic.PassageIndex.Stored;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * The embedding stage: reads the analysed documents in a consumer group of its own
 * ({@code <search-service's group>-embedding}), so it follows the lexical indexer at its own pace and never holds it
 * up; its lag is the stage's backlog, shown on the operator page with every group's. For each document it writes the
 * entries {@link DocumentEmbedding} makes, replacing what the passages index held for it, in one bulk request per
 * batch; a tombstone removes them. Once it has drained a large backlog, the index is merged ({@link PassageMerging}).
 * A version the index already has, or a newer one, is not embedded again, which makes a redelivered batch cheap;
 * unless an earlier model embedded it ({@link Reembedding}): then it is written again under the same version.
 *
 * <p>While Elasticsearch is unavailable the batch fails and is retried with the consumer paused (the same error
 * handler as indexing); offsets are committed only after the batch's bulk request is answered. A document the model
 * cannot embed is counted and logged and stays searchable lexically.
 */
public class EmbeddingListener {

    /** The stage's listener, whose consumer threads are named after it ("embedding-0-C-1"). */
    public static final String LISTENER_ID = "embedding";
    private static final Logger log = LoggerFactory.getLogger(EmbeddingListener.class);
    private static final EventDeserializer<DocumentAnalyzed> EVENTS = new EventDeserializer<>(DocumentAnalyzed.class);

    private final DocumentEmbedding embedding;
    private final PassageIndex index;
    private final PassageMerging merging;
    private final SearchProperties.Semantic settings;
    private final MeterRegistry registry;
    private final Timer batches;

    EmbeddingListener(DocumentEmbedding embedding, PassageIndex index, PassageMerging merging,
                      SearchProperties properties, MeterRegistry registry) {
        this.embedding = embedding;
        this.index = index;
        this.merging = merging;
        this.settings = properties.semantic();
        this.registry = registry;
        this.batches = Timer.builder("wenku.embedding.batch.duration")
            .description("Time to embed and write one batch of analysed documents").register(registry);
    }

    /** Documents per poll, read by the listener's {@code max.poll.records}. */
    public int getBatchDocuments() {
        return settings.batchDocuments();
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.DOCUMENTS_ANALYZED, batch = "true",
        groupId = "${spring.kafka.consumer.group-id:search-service}-embedding",
        properties = "max.poll.records=#{__listener.batchDocuments}")
    public void onAnalyzed(List<ConsumerRecord<String, byte[]>> records, Acknowledgment acknowledgment)
            throws IOException {
        Timer.Sample sample = Timer.start(registry);
        Map<String, ConsumerRecord<String, byte[]>> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.key() != null) {
                latest.put(record.key(), record); // Per key, the last of the batch is the newest.
            }
        }
        Map<String, Stored> stored = index.stored(latest.keySet());
        PassageIndex.Changes changes = new PassageIndex.Changes();
        for (ConsumerRecord<String, byte[]> record : latest.values()) {
            change(record, stored.get(record.key()), changes);
        }
        index.apply(changes);
        acknowledgment.acknowledge();
        merging.embedded(changes.documents());
        sample.stop(batches);
    }

    private void change(ConsumerRecord<String, byte[]> record, Stored stored, PassageIndex.Changes changes) {
        if (record.value() == null) {
            if (stored != null) {
                changes.remove(record.key(), stored.passages());
                embedding.count("deleted");
            }
            return;
        }
        DocumentAnalyzed event;
        try {
            event = EVENTS.deserialize(record.topic(), record.value());
        } catch (RuntimeException unreadable) {
            embedding.count("unreadable"); // The indexer sends it to the dead-letter topic.
            return;
        }
        if (stored != null && (stored.version() > event.version()
                || stored.version() == event.version() && stored.ofCurrentModel())) {
            embedding.count("unchanged");
            return;
        }
        try {
            changes.replace(event.version(), embedding.entries(event.documentId(), event.body(),
                event.simplifiedTitle(), event.simplifiedBody()), stored == null ? 0 : stored.passages());
            embedding.count("embedded");
        } catch (RuntimeException failed) {
            log.error("Cannot embed document {} version {}; it stays searchable lexically", event.documentId(),
                event.version(), failed);
            embedding.count("failed");
        }
    }
}
