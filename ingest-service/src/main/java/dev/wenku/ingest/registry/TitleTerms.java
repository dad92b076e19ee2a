package dev.wenku.ingest.registry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The terms a title is found by in the editors' list: every Han character and every pair of neighbouring Han
 * characters, and every Latin or digit word (lower case), of the title in Simplified script. A query's terms are the
 * pairs of its Han runs (single characters when a run is one character long) and its words, so a GIN index over the
 * titles' terms finds the candidates of any query without scanning, whatever its length; the query's text is then
 * matched in full. Chinese has no spaces and PostgreSQL's full-text search does not segment it: pairs are what
 * Elasticsearch's {@code cjk_bigram} indexes too.
 */
final class TitleTerms {

    private TitleTerms() {
    }

    /** The terms stored for a title (already in Simplified script). */
    static List<String> ofTitle(String simplifiedTitle) {
        Set<String> terms = new LinkedHashSet<>();
        for (String run : runs(simplifiedTitle)) {
            if (isHan(run.codePointAt(0))) {
                int[] chars = run.codePoints().toArray();
                for (int i = 0; i < chars.length; i++) {
                    terms.add(new String(chars, i, 1));
                    if (i + 1 < chars.length) {
                        terms.add(new String(chars, i, 2));
                    }
                }
            } else {
                terms.add(run);
            }
        }
        return List.copyOf(terms);
    }

    /** The terms every title matching {@code simplifiedQuery} has (empty when the query has none). */
    static List<String> ofQuery(String simplifiedQuery) {
        Set<String> terms = new LinkedHashSet<>();
        for (String run : runs(simplifiedQuery)) {
            if (isHan(run.codePointAt(0))) {
                int[] chars = run.codePoints().toArray();
                if (chars.length == 1) {
                    terms.add(run);
                }
                for (int i = 0; i + 1 < chars.length; i++) {
                    terms.add(new String(chars, i, 2));
                }
            } else {
                terms.add(run);
            }
        }
        return List.copyOf(terms);
    }

    /** Maximal runs of Han characters, and of Latin letters or digits (lower case); everything else separates. */
    private static List<String> runs(String text) {
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int kind = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            int cKind = isHan(c) ? 1 : Character.isLetterOrDigit(c) ? 2 : 0;
            if (cKind != kind && !run.isEmpty()) {
                runs.add(run.toString());
                run.setLength(0);
            }
            kind = cKind;
            if (cKind != 0) {
                run.appendCodePoint(cKind == 2 ? Character.toLowerCase(c) : c);
            }
        }
        if (!run.isEmpty()) {
            runs.add(run.toString());
        }
        return runs;
    }

    private static boolean isHan(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }
}
