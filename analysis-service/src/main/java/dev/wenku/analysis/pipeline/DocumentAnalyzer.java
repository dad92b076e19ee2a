package dev.wenku.analysis.pipeline;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.analysis.keywords.KeywordExtractor;
import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentIngested;
import dev.wenku.text.SimplifiedScript;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Turns an ingested document into an analysed one: Simplified script for matching, keywords. */
@Component
public class DocumentAnalyzer {

    private final KeywordExtractor keywords = new KeywordExtractor();
    private final AnalysisProperties properties;
    private final Clock clock;

    public DocumentAnalyzer(AnalysisProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    public DocumentAnalyzed analyze(DocumentIngested document) {
        String simplifiedTitle = SimplifiedScript.of(document.title());
        String simplifiedBody = SimplifiedScript.of(document.body());
        return new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, document.documentId(), document.version(),
            document.title(), document.body(), simplifiedTitle, simplifiedBody, document.source(), document.tags(),
            keywords.extract(simplifiedTitle + "\n" + simplifiedBody, properties.keywordCount()),
            document.ingestedAt(), Instant.now(clock));
    }
}
