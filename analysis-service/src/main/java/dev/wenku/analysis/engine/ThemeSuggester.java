package dev.wenku.analysis.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;

/**
 * Unsupervised topics over the paragraphs of a corpus, as suggestions an editor can promote into the
 * {@link Taxonomy}: latent Dirichlet allocation (Blei, Ng &amp; Jordan 2003) fitted by collapsed Gibbs sampling
 * (Griffiths &amp; Steyvers 2004) with a fixed random seed, so the same input always gives the same topics.
 *
 * <p>Paragraphs are reduced to their content words by the engine's segmentation (stoplist and part-of-speech filter
 * included). The vocabulary keeps words found in at least {@value #MIN_PARAGRAPHS} paragraphs but in no more than
 * {@value #MAX_PARAGRAPH_SHARE} of them: a word in most paragraphs (新质生产力 in this corpus) would top every topic.
 * Each topic's terms are ranked by relevance (Sievert &amp; Shirley 2014, λ = {@value #LAMBDA}), which prefers words
 * typical of the topic over words merely frequent everywhere; a term is given to one topic only (picked in turns, best
 * first). {@link SuggestedTheme#paragraphs()} counts the paragraphs whose main topic it is; topics come largest first.
 * The project's package list offers no LDA library it can take (Smile has one but is GPL-3.0; HanLP's
 * {@code ClusterAnalyzer} clusters documents but yields no topic terms, and
 * its k-means uses an unseeded random generator), hence this small
 * implementation.
 */
public final class ThemeSuggester {

    static final int MIN_PARAGRAPHS = 2;
    static final double MAX_PARAGRAPH_SHARE = 0.5;
    static final double LAMBDA = 0.6;
    /** The share of the work that segmenting the paragraphs is taken to be, in the progress reported. */
    static final double SEGMENTING_SHARE = 0.3;
    private static final double ALPHA = 0.1;
    private static final double BETA = 0.01;

    /** A suggested theme: its most relevant terms, best first, and how many paragraphs it leads. */
    public record SuggestedTheme(List<String> terms, int paragraphs) {

        public SuggestedTheme {
            terms = List.copyOf(terms);
        }
    }

    private final AnalysisEngine engine;
    private final long seed;
    private final int iterations;
    private final int termsPerTopic;

    /** Seed 20240131, 500 sweeps, 8 terms per topic. */
    public ThemeSuggester(AnalysisEngine engine) {
        this(engine, 20240131L, 500, 8);
    }

    public ThemeSuggester(AnalysisEngine engine, long seed, int iterations, int termsPerTopic) {
        this.engine = Objects.requireNonNull(engine, "engine");
        if (iterations < 1 || termsPerTopic < 1) {
            throw new IllegalArgumentException("iterations and termsPerTopic must be at least 1");
        }
        this.seed = seed;
        this.iterations = iterations;
        this.termsPerTopic = termsPerTopic;
    }

    /**
     * @param simplifiedParagraphs paragraphs in Simplified script (blank ones are ignored)
     * @param topics               how many topics to return (at least 1)
     */
    public List<SuggestedTheme> suggest(List<String> simplifiedParagraphs, int topics) {
        return suggest(simplifiedParagraphs, topics, done -> { });
    }

    /**
     * As {@link #suggest(List, int)}, telling {@code progress} the share of the work done (0 to 1) as it goes:
     * segmenting the paragraphs is the first {@value #SEGMENTING_SHARE} of it, the sampling iterations the rest.
     */
    public List<SuggestedTheme> suggest(List<String> simplifiedParagraphs, int topics, DoubleConsumer progress) {
        if (topics < 1) {
            throw new IllegalArgumentException("topics must be at least 1, was " + topics);
        }
        Objects.requireNonNull(simplifiedParagraphs, "simplifiedParagraphs");
        List<List<String>> documents = new ArrayList<>();
        int segmented = 0;
        for (String paragraph : simplifiedParagraphs) {
            if (paragraph != null && !paragraph.isBlank()) {
                List<String> words = engine.contentWords(paragraph);
                if (!words.isEmpty()) {
                    documents.add(words);
                }
            }
            progress.accept(SEGMENTING_SHARE * ++segmented / simplifiedParagraphs.size());
        }
        Map<String, Integer> vocabulary = vocabulary(documents);
        String[] words = vocabulary.keySet().toArray(String[]::new);
        int[][] docs = new int[documents.size()][];
        for (int d = 0; d < docs.length; d++) {
            docs[d] = documents.get(d).stream().filter(vocabulary::containsKey).mapToInt(vocabulary::get).toArray();
        }
        Model model = new Model(docs, words.length, topics, new Random(seed));
        model.sample(iterations, done -> progress.accept(SEGMENTING_SHARE + (1 - SEGMENTING_SHARE) * done / iterations));
        return themes(model, words, topics);
    }

    /** Words in at least MIN_PARAGRAPHS paragraphs and at most MAX_PARAGRAPH_SHARE of them, by first occurrence. */
    private static Map<String, Integer> vocabulary(List<List<String>> documents) {
        Map<String, Integer> paragraphCounts = new LinkedHashMap<>();
        for (List<String> document : documents) {
            for (String word : new LinkedHashSet<>(document)) {
                paragraphCounts.merge(word, 1, Integer::sum);
            }
        }
        int max = Math.max(MIN_PARAGRAPHS, (int) Math.floor(documents.size() * MAX_PARAGRAPH_SHARE));
        Map<String, Integer> vocabulary = new LinkedHashMap<>();
        paragraphCounts.forEach((word, count) -> {
            if (count >= MIN_PARAGRAPHS && count <= max) {
                vocabulary.put(word, vocabulary.size());
            }
        });
        if (vocabulary.isEmpty()) {   // tiny input: keep every word rather than none
            paragraphCounts.keySet().forEach(word -> vocabulary.put(word, vocabulary.size()));
        }
        return vocabulary;
    }

    private List<SuggestedTheme> themes(Model model, String[] words, int topics) {
        int v = words.length;
        long total = Arrays.stream(model.wordTotals).sum();
        List<List<Integer>> ranked = new ArrayList<>();
        for (int k = 0; k < topics; k++) {
            final int topic = k;
            double[] relevance = new double[v];
            List<Integer> candidates = new ArrayList<>();
            for (int w = 0; w < v; w++) {
                if (model.topicWord[k][w] > 0) {
                    double phi = (model.topicWord[k][w] + BETA) / (model.topicTotals[k] + v * BETA);
                    double p = model.wordTotals[w] / (double) total;
                    relevance[w] = LAMBDA * Math.log(phi) + (1 - LAMBDA) * Math.log(phi / p);
                    candidates.add(w);
                }
            }
            candidates.sort(Comparator.<Integer>comparingDouble(w -> -relevance[w])
                .thenComparingInt(w -> -model.topicWord[topic][w]).thenComparingInt(w -> w));
            ranked.add(candidates);
        }
        List<List<String>> terms = new ArrayList<>();
        for (int k = 0; k < topics; k++) {
            terms.add(new ArrayList<>());
        }
        Set<Integer> used = new HashSet<>();
        int[] next = new int[topics];
        for (int round = 0; round < termsPerTopic; round++) {
            for (int k = 0; k < topics; k++) {
                List<Integer> candidates = ranked.get(k);
                while (next[k] < candidates.size() && used.contains(candidates.get(next[k]))) {
                    next[k]++;
                }
                if (next[k] < candidates.size()) {
                    int w = candidates.get(next[k]++);
                    used.add(w);
                    terms.get(k).add(words[w]);
                }
            }
        }
        int[] leads = new int[topics];
        for (int[] counts : model.docTopic) {
            int best = 0;
            for (int k = 1; k < topics; k++) {
                if (counts[k] > counts[best]) {
                    best = k;
                }
            }
            if (counts[best] > 0) {
                leads[best]++;
            }
        }
        List<SuggestedTheme> themes = new ArrayList<>();
        for (int k = 0; k < topics; k++) {
            themes.add(new SuggestedTheme(terms.get(k), leads[k]));
        }
        List<SuggestedTheme> sorted = new ArrayList<>(themes);
        sorted.sort(Comparator.comparingInt(SuggestedTheme::paragraphs).reversed());
        return sorted;
    }

    /** Collapsed Gibbs sampler state. */
    private static final class Model {

        final int[][] docs;
        final int[][] assignments;
        final int[][] docTopic;
        final int[][] topicWord;
        final int[] topicTotals;
        final int[] wordTotals;
        final int topics;
        final int vocabularySize;
        final Random random;

        Model(int[][] docs, int vocabularySize, int topics, Random random) {
            this.docs = docs;
            this.topics = topics;
            this.vocabularySize = vocabularySize;
            this.random = random;
            assignments = new int[docs.length][];
            docTopic = new int[docs.length][topics];
            topicWord = new int[topics][vocabularySize];
            topicTotals = new int[topics];
            wordTotals = new int[vocabularySize];
            for (int d = 0; d < docs.length; d++) {
                assignments[d] = new int[docs[d].length];
                for (int i = 0; i < docs[d].length; i++) {
                    int w = docs[d][i];
                    int k = random.nextInt(topics);
                    assignments[d][i] = k;
                    docTopic[d][k]++;
                    topicWord[k][w]++;
                    topicTotals[k]++;
                    wordTotals[w]++;
                }
            }
        }

        void sample(int iterations, IntConsumer done) {
            double[] p = new double[topics];
            double vBeta = vocabularySize * BETA;
            for (int iteration = 0; iteration < iterations; iteration++) {
                done.accept(iteration);
                for (int d = 0; d < docs.length; d++) {
                    int[] doc = docs[d];
                    for (int i = 0; i < doc.length; i++) {
                        int w = doc[i];
                        int k = assignments[d][i];
                        docTopic[d][k]--;
                        topicWord[k][w]--;
                        topicTotals[k]--;
                        double sum = 0;
                        for (int t = 0; t < topics; t++) {
                            sum += (docTopic[d][t] + ALPHA) * (topicWord[t][w] + BETA) / (topicTotals[t] + vBeta);
                            p[t] = sum;
                        }
                        double u = random.nextDouble() * sum;
                        int chosen = 0;
                        while (chosen < topics - 1 && p[chosen] <= u) {
                            chosen++;
                        }
                        assignments[d][i] = chosen;
                        docTopic[d][chosen]++;
                        topicWord[chosen][w]++;
                        topicTotals[chosen]++;
                    }
                }
            }
        }
    }
}
