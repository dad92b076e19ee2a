package dev.wenku.analysis.pipeline;

import dev.wenku.analysis.configuration.AnalysisModel;
import dev.wenku.analysis.corpus.CorpusStore;
import dev.wenku.analysis.corpus.DocumentTerms;
import dev.wenku.analysis.engine.DocumentAnalysis;
import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentAnalyzed.Entity;
import dev.wenku.events.DocumentAnalyzed.Keyword;
import dev.wenku.events.DocumentAnalyzed.Theme;
import dev.wenku.events.DocumentIngested;
import dev.wenku.text.SimplifiedScript;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns an ingested document into an analysed one (Simplified script for matching; keywords weighted with the
 * corpus statistics, key phrases, summary, entities, themes, pinyin) and keeps the corpus up to date with it.
 *
 * <p>Times every analysis ({@value #DURATION}) and counts it in {@value #ANALYZED} by {@code outcome}:
 * {@code analyzed}, or {@code failed} when the analysis threw (each attempt of a retried document counts).
 */
@Component
public class DocumentAnalyzer {

    static final String ANALYZED = "wenku.documents.analyzed";
    static final String DURATION = "wenku.analysis.duration";

    private final AnalysisModel model;
    private final CorpusStore corpus;
    private final Clock clock;
    private final Timer duration;
    private final Counter analyzed;
    private final Counter failed;

    public DocumentAnalyzer(AnalysisModel model, CorpusStore corpus, Clock clock, MeterRegistry meters) {
        this.model = model;
        this.corpus = corpus;
        this.clock = clock;
        this.duration = Timer.builder(DURATION).description("Time to analyse one document").register(meters);
        this.analyzed = outcome(meters, "analyzed");
        this.failed = outcome(meters, "failed");
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder(ANALYZED).description("Documents analysed, by outcome").tag("outcome", outcome)
            .register(meters);
    }

    /** The analysed event to publish and the document's entry for the corpus statistics. */
    public record Result(DocumentAnalyzed event, DocumentTerms corpusEntry) {
    }

    public Result analyze(DocumentIngested document) {
        try {
            Result result = duration.record(() -> analyzeNow(document));
            analyzed.increment();
            return result;
        } catch (RuntimeException e) {
            failed.increment();
            throw e;
        }
    }

    private Result analyzeNow(DocumentIngested document) {
        model.awaitLoaded();
        String simplifiedTitle = SimplifiedScript.of(document.title());
        String simplifiedBody = SimplifiedScript.of(document.body());
        DocumentAnalysis analysis = model.engine().analyze(simplifiedTitle, simplifiedBody, corpus.statistics());
        DocumentAnalyzed event = event(document, simplifiedTitle, simplifiedBody, analysis, Instant.now(clock));
        return new Result(event, new DocumentTerms(document.documentId(), document.version(), analysis.terms(),
            analysis.themes().stream().map(t -> t.id()).toList(), paragraphs(simplifiedBody)));
    }

    /**
     * The event of {@code document}'s analysis; public so that a benchmark analysing in-process (without the database
     * of the corpus store this class needs) builds exactly what the pipeline publishes.
     */
    public static DocumentAnalyzed event(DocumentIngested document, String simplifiedTitle, String simplifiedBody,
                                         DocumentAnalysis analysis, Instant analyzedAt) {
        return new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, document.documentId(), document.version(),
            document.title(), document.body(), simplifiedTitle, simplifiedBody, document.source(), document.tags(),
            analysis.keywords().stream()
                .map(k -> new Keyword(k.term(), k.weight(), analysis.keywordPinyin().get(k.term()))).toList(),
            analysis.keyPhrases(), analysis.summary(),
            analysis.entities().stream().map(e -> new Entity(e.name(), e.type().name(), e.count())).toList(),
            analysis.themes().stream().map(t -> new Theme(t.id(), t.label(), t.score())).toList(),
            analysis.titlePinyin(), List.copyOf(analysis.terms()), document.ingestedAt(), analyzedAt,
            document.author());
    }

    private static List<String> paragraphs(String text) {
        return Arrays.stream(text.split("\n+")).map(String::strip).filter(p -> p.length() >= 20).toList();
    }
}
