package dev.wenku.analysis.configuration;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.analysis.corpus.CorpusStore;
import dev.wenku.analysis.engine.ThemeSuggester;
import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' and editors' view of the analysis model: dictionary and stoplist (replace at runtime), the theme
 * taxonomy with document counts, and theme suggestions from the corpus to promote into the taxonomy.
 */
@RestController
public class ModelController {

    private final AnalysisModel model;
    private final CorpusStore corpus;
    private final AnalysisProperties properties;

    public ModelController(AnalysisModel model, CorpusStore corpus, AnalysisProperties properties) {
        this.model = model;
        this.corpus = corpus;
        this.properties = properties;
    }

    public record LexiconView(long revision, List<String> dictionary, List<String> stoplist) {
    }

    @GetMapping("/api/analysis/lexicon")
    public LexiconView lexicon() {
        return new LexiconView(model.revision(), model.lexicon().dictionary(),
            model.lexicon().stoplist().stream().sorted().toList());
    }

    /** The whole dictionary, one term per line ({@code term [nature frequency]}, {@code #} comments). */
    @PutMapping(path = "/api/analysis/lexicon/dictionary", consumes = MediaType.TEXT_PLAIN_VALUE)
    public LexiconView replaceDictionary(@RequestBody String lines) {
        checked(() -> model.replaceDictionary(lines(lines)));
        return lexicon();
    }

    /** The whole stoplist, one word per line. */
    @PutMapping(path = "/api/analysis/lexicon/stoplist", consumes = MediaType.TEXT_PLAIN_VALUE)
    public LexiconView replaceStoplist(@RequestBody String lines) {
        checked(() -> model.replaceStoplist(lines(lines)));
        return lexicon();
    }

    public record ThemeView(String id, String label, List<String> terms, long documents) {
    }

    public record TaxonomyView(long revision, long corpusDocuments, List<ThemeView> themes) {
    }

    @GetMapping("/api/themes")
    public TaxonomyView themes() {
        Map<String, Long> counts = corpus.themeCounts();
        List<ThemeView> themes = model.taxonomy().themes().stream()
            .map(t -> new ThemeView(t.id(), t.label(), t.terms(), counts.getOrDefault(t.id(), 0L))).toList();
        return new TaxonomyView(model.revision(), corpus.size(), themes);
    }

    /** The whole taxonomy as JSON: {@code {"themes": [{"id", "label", "terms": [...]}]}}. */
    @PutMapping(path = "/api/themes", consumes = MediaType.APPLICATION_JSON_VALUE)
    public TaxonomyView replaceTaxonomy(@RequestBody String json) {
        checked(() -> model.replaceTaxonomy(json));
        return themes();
    }

    public record Suggestions(int paragraphs, List<ThemeSuggester.SuggestedTheme> suggestions) {
    }

    /**
     * Unsupervised topics over the paragraphs of a random sample of the corpus (wenku.analysis.suggestion-paragraphs),
     * for editors to promote into the taxonomy.
     */
    @GetMapping("/api/themes/suggestions")
    public Suggestions suggestions(@RequestParam(required = false) Integer topics) {
        int wanted = topics == null ? properties.suggestedTopics() : topics;
        if (wanted < 1 || wanted > 50) {
            throw ApiException.invalidParameter("topics", "topics must be between 1 and 50, got " + wanted + ".");
        }
        List<String> paragraphs = corpus.paragraphs(properties.suggestionParagraphs());
        if (paragraphs.isEmpty()) {
            return new Suggestions(0, List.of());
        }
        return new Suggestions(paragraphs.size(),
            new ThemeSuggester(model.engine()).suggest(paragraphs, Math.min(wanted, paragraphs.size())));
    }

    /** Runs a change of the model; a malformed dictionary, stoplist or taxonomy is the caller's to correct. */
    private static void checked(Runnable change) {
        try {
            change.run();
        } catch (IllegalArgumentException malformed) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, malformed.getMessage());
        }
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\r?\n")).toList();
    }

}
