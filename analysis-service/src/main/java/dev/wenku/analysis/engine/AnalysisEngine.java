package dev.wenku.analysis.engine;

import com.hankcs.hanlp.seg.common.Term;
import dev.wenku.text.PinyinText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Chinese text analysis of one document (Simplified script): keywords, key phrases, an extractive summary, named
 * entities, taxonomy themes, pinyin, and the content terms for document frequencies.
 *
 * <p>Each document is segmented once, by HanLP's standard segmenter with the domain user dictionary of the
 * {@link Lexicon} (see {@link DomainSegmenter}); every step then reads that token list ({@link Tokens}): keywords
 * ({@link KeywordRanker}: smoothed TF-IDF and TextRank), key phrases ({@link PhraseFinder}), summary
 * ({@link SentenceRanker}), entities ({@link EntityCollector}: tags of the same pass), themes ({@link ThemeMatcher}).
 * Only the pinyin of the title and of the chosen keywords is computed on the side.
 *
 * <p>Lexicon changes apply at once: an analysis reads the lexicon's current state when it starts and, if its revision
 * changed, builds a new segmenter for it; analyses already running finish with the old one. Thread-safe.
 */
public final class AnalysisEngine {

    private final Lexicon lexicon;
    private final ThemeMatcher themes;
    private final AnalysisSettings settings;
    private volatile DomainSegmenter segmenter;

    public AnalysisEngine(Lexicon lexicon, Taxonomy taxonomy, AnalysisSettings settings) {
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
        this.themes = new ThemeMatcher(Objects.requireNonNull(taxonomy, "taxonomy"));
        this.settings = Objects.requireNonNull(settings, "settings");
        this.segmenter = new DomainSegmenter(lexicon.snapshot());
    }

    /** The shipped dictionary, stoplist and taxonomy, default settings. */
    public static AnalysisEngine defaults() {
        return new AnalysisEngine(Lexicon.defaults(), Taxonomy.defaults(), AnalysisSettings.defaults());
    }

    public AnalysisSettings settings() {
        return settings;
    }

    /**
     * Analyses a document.
     *
     * @param simplifiedTitle the title in Simplified script (may be null or empty)
     * @param simplifiedBody  the body in Simplified script (may be null or empty)
     * @param corpus          document frequencies so far ({@link CorpusStatistics#EMPTY} when there are none)
     */
    public DocumentAnalysis analyze(String simplifiedTitle, String simplifiedBody, CorpusStatistics corpus) {
        Objects.requireNonNull(corpus, "corpus");
        String title = simplifiedTitle == null ? "" : simplifiedTitle;
        String body = simplifiedBody == null ? "" : simplifiedBody;
        Lexicon.Snapshot snapshot = lexicon.snapshot();
        DomainSegmenter current = segmenterFor(snapshot);
        Tokens tokens = Tokens.of(segment(current, title), segment(current, body), snapshot);

        double[] scores = KeywordRanker.scores(tokens, corpus);
        List<WeightedTerm> keywords = keywords(tokens, scores);
        Map<String, String> keywordPinyin = new LinkedHashMap<>();
        for (WeightedTerm keyword : keywords) {
            keywordPinyin.put(keyword.term(), PinyinText.joined(keyword.term()));
        }
        return new DocumentAnalysis(
            keywords,
            PhraseFinder.find(tokens, scores, settings.keyPhraseCount()),
            SentenceRanker.summarize(tokens, settings.summarySentences()),
            EntityCollector.collect(tokens, snapshot),
            settings.themes().select(themes.score(tokens)),
            PinyinText.spaced(title),
            keywordPinyin,
            new LinkedHashSet<>(List.of(tokens.content)));
    }

    /** Bare segmentation with the same segmenter (dictionary, configuration) the analysis uses: the words in order. */
    public List<String> segment(String simplifiedText) {
        if (simplifiedText == null || simplifiedText.isEmpty()) {
            return List.of();
        }
        List<Term> terms = segmenterFor(lexicon.snapshot()).seg(simplifiedText);
        List<String> words = new ArrayList<>(terms.size());
        for (Term term : terms) {
            words.add(term.word);
        }
        return words;
    }

    /** The content words of a text in order, repeats included (what keywords are chosen from); for topic models. */
    List<String> contentWords(String simplifiedText) {
        Lexicon.Snapshot snapshot = lexicon.snapshot();
        Tokens tokens = Tokens.of(List.of(), segment(segmenterFor(snapshot), simplifiedText), snapshot);
        List<String> words = new ArrayList<>(tokens.contentOccurrences);
        for (int i = 0; i < tokens.size; i++) {
            if (tokens.isContent(i)) {
                words.add(tokens.words[i]);
            }
        }
        return words;
    }

    private List<WeightedTerm> keywords(Tokens tokens, double[] scores) {
        List<Integer> ids = new ArrayList<>(tokens.contentCount);
        for (int id = 0; id < tokens.contentCount; id++) {
            ids.add(id);
        }
        ids.sort(Comparator.<Integer>comparingDouble(id -> -scores[id]).thenComparing(id -> tokens.content[id]));
        List<WeightedTerm> keywords = new ArrayList<>();
        double best = ids.isEmpty() ? 0 : scores[ids.get(0)];
        for (int id : ids.subList(0, Math.min(settings.keywordCount(), ids.size()))) {
            if (scores[id] <= 0) {
                break;
            }
            keywords.add(new WeightedTerm(tokens.content[id], Math.round(scores[id] / best * 10_000) / 10_000.0));
        }
        return keywords;
    }

    private static List<Term> segment(DomainSegmenter segmenter, String text) {
        return text.isEmpty() ? List.of() : segmenter.seg(text);
    }

    private DomainSegmenter segmenterFor(Lexicon.Snapshot snapshot) {
        DomainSegmenter current = segmenter;
        if (current.revision() == snapshot.revision()) {
            return current;
        }
        synchronized (this) {
            current = segmenter;
            if (current.revision() != snapshot.revision()) {
                current = new DomainSegmenter(snapshot);
                if (snapshot.revision() > segmenter.revision()) {
                    segmenter = current;
                }
            }
            return current;
        }
    }
}
