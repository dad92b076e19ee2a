package dev.wenku.search.pipeline;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.Topics;
import dev.wenku.search.index.DocumentIndexer;
import java.io.IOException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/** Indexes analysed documents; the offset is committed only after Elasticsearch acknowledged the write. */
@Component
public class AnalyzedDocumentListener {

    private final DocumentIndexer indexer;

    public AnalyzedDocumentListener(DocumentIndexer indexer) {
        this.indexer = indexer;
    }

    /** A record with no value (a tombstone) deletes the document with that key. */
    @KafkaListener(topics = Topics.DOCUMENTS_ANALYZED, groupId = "${spring.kafka.consumer.group-id:search-service}")
    public void onAnalyzed(@Payload(required = false) DocumentAnalyzed document,
                           @Header(KafkaHeaders.RECEIVED_KEY) String documentId) throws IOException {
        if (document == null) {
            indexer.delete(documentId);
        } else {
            indexer.index(document);
        }
    }
}
