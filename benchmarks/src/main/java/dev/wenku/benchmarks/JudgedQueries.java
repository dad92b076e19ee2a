package dev.wenku.benchmarks;

import dev.wenku.text.SimplifiedScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The judged relevance set of the poetry corpus, {@code evaluation/poetry-queries.tsv}: each query with its kind and
 * the rule that judges a poem relevant to it. The rule, not a list of document ids, is the judgement: ids depend on
 * what was imported, a rule holds for any slice of the corpus, and a reader can check it by eye.
 */
final class JudgedQueries {

    /** The kinds whose reader looks for one known poem (or the few that share its line or title). */
    static final Set<String> KNOWN_ITEM_KINDS = Set.of("title", "title-traditional", "title-author", "line",
        "line-traditional", "line-typo", "pinyin-title", "pinyin-line");

    /**
     * The kinds whose reader describes a poem or asks for it in words of their own: what search by meaning is for,
     * measured per search mode ({@link SemanticBenchmark}) rather than against the lexical targets.
     */
    static final Set<String> MEANING_KINDS = Set.of("paraphrase", "question");

    private static final Pattern NOT_HAN = Pattern.compile("[^\\p{IsHan}]");

    /** A poem or a found document as the rules see it: title, author and text in Simplified Han characters only. */
    record Text(String title, String author, String body) {

        static Text of(String title, String author, String body) {
            return new Text(han(title), han(author), han(body));
        }

        private static String han(String text) {
            return text == null ? "" : NOT_HAN.matcher(SimplifiedScript.of(text)).replaceAll("");
        }
    }

    /**
     * One judged query; {@code judgement} as written in the file, {@code conditions} the rule it states (all must
     * hold), compiled once: the whole corpus is judged against every query.
     */
    record Query(String kind, String query, String judgement, List<Predicate<Text>> conditions) {

        boolean knownItem() {
            return KNOWN_ITEM_KINDS.contains(kind);
        }

        boolean byMeaning() {
            return MEANING_KINDS.contains(kind);
        }

        /** Whether the rule needs a document's whole text (a hit carries only its title and author). */
        boolean needsBody() {
            return judgement.startsWith("line=");
        }

        boolean relevant(Text text) {
            for (Predicate<Text> condition : conditions) {
                if (!condition.test(text)) {
                    return false;
                }
            }
            return true;
        }
    }

    static Predicate<Text> condition(String condition) {
        if (condition.startsWith("title=")) {
            String title = condition.substring("title=".length());
            return text -> text.title().equals(title);
        } else if (condition.startsWith("author=")) {
            String author = condition.substring("author=".length());
            return text -> text.author().equals(author);
        } else if (condition.startsWith("line=")) {
            String line = condition.substring("line=".length());
            return text -> text.body().contains(line);
        } else if (condition.startsWith("title~")) {
            Pattern title = Pattern.compile(condition.substring("title~".length()));
            return text -> title.matcher(text.title()).find();
        }
        throw new IllegalArgumentException("Unknown judgement '" + condition + "'");
    }

    private JudgedQueries() {
    }

    static List<Query> load(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(JudgedQueries::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the judged queries " + file, e);
        }
    }

    private static Query parse(String line) {
        String[] columns = line.split("\t");
        if (columns.length != 3) {
            throw new IllegalArgumentException("A judged query needs kind, query and judgement: '" + line + "'");
        }
        String judgement = columns[2].strip();
        return new Query(columns[0].strip(), columns[1].strip(), judgement, conditions(judgement));
    }

    /** The conditions of a rule ({@code title=静夜思 author=李白}), all of which must hold. */
    static List<Predicate<Text>> conditions(String rule) {
        return Arrays.stream(rule.split(" ")).map(JudgedQueries::condition).toList();
    }
}
