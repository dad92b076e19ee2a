package dev.wenku.search.pipeline;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentStatusChanged;
import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import dev.wenku.search.index.DocumentIndexer;
import dev.wenku.search.index.UnindexableDocument;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Indexes analysed documents and reports INDEXED (or FAILED when Elasticsearch refuses the document itself). The
 * offset is committed only after Elasticsearch acknowledged the write. A tombstone deletes the document.
 */
@Component
public class AnalyzedDocumentListener {

    private static final Logger log = LoggerFactory.getLogger(AnalyzedDocumentListener.class);
    private static final String SERVICE = "search-service";

    private final DocumentIndexer indexer;
    private final KafkaTemplate<String, PipelineEvent> kafka;
    private final Clock clock;

    public AnalyzedDocumentListener(DocumentIndexer indexer, KafkaTemplate<String, PipelineEvent> kafka, Clock clock) {
        this.indexer = indexer;
        this.kafka = kafka;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.DOCUMENTS_ANALYZED, groupId = "${spring.kafka.consumer.group-id:search-service}")
    public void onAnalyzed(@Payload(required = false) DocumentAnalyzed document,
                           @Header(KafkaHeaders.RECEIVED_KEY) String documentId) throws Exception {
        if (document == null) {
            indexer.delete(documentId);
            return;
        }
        try {
            indexer.index(document);
        } catch (UnindexableDocument e) {
            log.error("Document {} v{} cannot be indexed", documentId, document.version(), e);
            report(document, Status.FAILED, e.getMessage());
            return;
        }
        report(document, Status.INDEXED, null);
    }

    private void report(DocumentAnalyzed document, Status status, String reason) throws Exception {
        kafka.send(Topics.DOCUMENT_STATUS, document.documentId(), DocumentStatusChanged.of(document.documentId(),
            document.version(), status, reason, SERVICE, clock.instant())).get(30, TimeUnit.SECONDS);
    }
}
