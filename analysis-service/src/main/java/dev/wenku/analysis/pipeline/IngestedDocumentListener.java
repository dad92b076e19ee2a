package dev.wenku.analysis.pipeline;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentIngested;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Consumes ingested documents and publishes their analysis. The publish is awaited before the listener returns,
 * so the consumed offset is committed only after the analysed event is safely in Kafka (at-least-once).
 */
@Component
public class IngestedDocumentListener {

    private static final Logger log = LoggerFactory.getLogger(IngestedDocumentListener.class);

    private final DocumentAnalyzer analyzer;
    private final KafkaTemplate<String, PipelineEvent> kafka;

    public IngestedDocumentListener(DocumentAnalyzer analyzer, KafkaTemplate<String, PipelineEvent> kafka) {
        this.analyzer = analyzer;
        this.kafka = kafka;
    }

    @KafkaListener(topics = Topics.DOCUMENTS_INGESTED, groupId = "${spring.kafka.consumer.group-id:analysis-service}")
    public void onIngested(DocumentIngested document) throws Exception {
        DocumentAnalyzed analyzed = analyzer.analyze(document);
        kafka.send(Topics.DOCUMENTS_ANALYZED, analyzed.documentId(), analyzed).get(30, TimeUnit.SECONDS);
        log.info("Analysed document {} v{}: {} keywords", analyzed.documentId(), analyzed.version(),
            analyzed.keywords().size());
    }
}
