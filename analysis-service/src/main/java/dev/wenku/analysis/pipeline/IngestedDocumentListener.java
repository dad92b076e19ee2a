package dev.wenku.analysis.pipeline;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentIngested;
import dev.wenku.events.DocumentStatusChanged;
import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
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
 * Consumes ingested documents and publishes their analysis, then reports ANALYZED (or FAILED with the reason).
 * Publishing is awaited before the listener returns, so the consumed offset is committed only after the analysed
 * event is safely in Kafka (at-least-once). A tombstone (deleted document) is passed on to search.
 */
@Component
public class IngestedDocumentListener {

    private static final Logger log = LoggerFactory.getLogger(IngestedDocumentListener.class);
    private static final String SERVICE = "analysis-service";

    private final DocumentAnalyzer analyzer;
    private final KafkaTemplate<String, PipelineEvent> kafka;
    private final Clock clock;

    public IngestedDocumentListener(DocumentAnalyzer analyzer, KafkaTemplate<String, PipelineEvent> kafka, Clock clock) {
        this.analyzer = analyzer;
        this.kafka = kafka;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.DOCUMENTS_INGESTED, groupId = "${spring.kafka.consumer.group-id:analysis-service}")
    public void onIngested(@Payload(required = false) DocumentIngested document,
                           @Header(KafkaHeaders.RECEIVED_KEY) String documentId) throws Exception {
        if (document == null) {
            send(Topics.DOCUMENTS_ANALYZED, documentId, null);
            log.info("Document {} deleted; passed on", documentId);
            return;
        }
        DocumentAnalyzed analyzed;
        try {
            analyzed = analyzer.analyze(document);
        } catch (RuntimeException e) {
            log.error("Analysis of document {} v{} failed", documentId, document.version(), e);
            report(document, Status.FAILED, "analysis failed: " + e);
            return;
        }
        send(Topics.DOCUMENTS_ANALYZED, analyzed.documentId(), analyzed);
        report(document, Status.ANALYZED, null);
        log.info("Analysed document {} v{}: {} keywords", analyzed.documentId(), analyzed.version(),
            analyzed.keywords().size());
    }

    private void report(DocumentIngested document, Status status, String reason) throws Exception {
        send(Topics.DOCUMENT_STATUS, document.documentId(), DocumentStatusChanged.of(document.documentId(),
            document.version(), status, reason, SERVICE, clock.instant()));
    }

    private void send(String topic, String key, PipelineEvent value) throws Exception {
        kafka.send(topic, key, value).get(30, TimeUnit.SECONDS);
    }
}
