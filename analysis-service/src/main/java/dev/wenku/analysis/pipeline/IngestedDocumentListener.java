package dev.wenku.analysis.pipeline;

import dev.wenku.analysis.corpus.CorpusStore;
import dev.wenku.events.DocumentIngested;
import dev.wenku.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Consumes ingested documents, publishes their analysis, adds them to the corpus statistics and reports
 * ANALYZED. Each step is awaited before the listener returns, so the consumed offset is committed only after all
 * of them (at-least-once; a redelivered document is analysed again, which is idempotent per version). A document
 * that keeps failing goes to the dead-letter topic ({@link DeadLetters}). A tombstone (deleted document) is passed
 * on to search and removed from the corpus.
 */
@Component
public class IngestedDocumentListener {

    private static final Logger log = LoggerFactory.getLogger(IngestedDocumentListener.class);

    private final DocumentAnalyzer analyzer;
    private final AnalysisPublisher publisher;
    private final CorpusStore corpus;

    public IngestedDocumentListener(DocumentAnalyzer analyzer, AnalysisPublisher publisher, CorpusStore corpus) {
        this.analyzer = analyzer;
        this.publisher = publisher;
        this.corpus = corpus;
    }

    @KafkaListener(id = "analysis", topics = Topics.DOCUMENTS_INGESTED,
        groupId = "${spring.kafka.consumer.group-id:analysis-service}")
    public void onIngested(@Payload(required = false) DocumentIngested document,
                           @Header(KafkaHeaders.RECEIVED_KEY) String documentId) {
        if (document == null) {
            publisher.deleted(documentId);
            corpus.forget(documentId);
            log.info("Document {} deleted; passed on", documentId);
            return;
        }
        DocumentAnalyzer.Result result = analyzer.analyze(document);
        publisher.analyzed(result.event());
        corpus.record(result.corpusEntry());
        publisher.status(document, dev.wenku.events.DocumentStatusChanged.Status.ANALYZED, null);
        log.info("Analysed document {} v{}: {} keywords, themes {}", documentId, document.version(),
            result.event().keywords().size(), result.event().themes().stream().map(t -> t.id()).toList());
    }
}
