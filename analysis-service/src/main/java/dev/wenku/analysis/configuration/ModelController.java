package dev.wenku.analysis.configuration;

import dev.wenku.analysis.corpus.CorpusStore;
import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' and editors' view of the analysis model: dictionary and stoplist (replace at runtime), the theme
 * taxonomy with document counts (theme suggestions from the corpus: {@code dev.wenku.analysis.suggestions}).
 */
@RestController
public class ModelController {

    private final AnalysisModel model;
    private final CorpusStore corpus;

    public ModelController(AnalysisModel model, CorpusStore corpus) {
        this.model = model;
        this.corpus = corpus;
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
