package dev.wenku.analysis.engine;

import java.util.Set;

/**
 * Which HanLP part-of-speech tags make a content word (a keyword candidate and a term for document frequencies).
 *
 * <p>Kept: common nouns ({@code n}), proper nouns ({@code nz}), noun idioms ({@code nl}), noun morphemes of two or more
 * characters ({@code ng}), places ({@code ns}) and organisations ({@code nt…}), other named things (products, biology,
 * medicine, food…), academic vocabulary ({@code g…}), and verbal nouns ({@code vn}, such as 改革, 转型). Not kept:
 * person names ({@code nr…}: reported as entities instead), job titles ({@code nnt}, {@code nnd}: 总书记, 教授),
 * institution suffixes ({@code nis}: 公司), letters and placeholders ({@code nx}), and every non-noun class: verbs,
 * adjectives, adverbs, pronouns, numerals, measure words, particles, prepositions, conjunctions, punctuation. Terms of
 * the user dictionary are content words whatever their tag. Single characters never are.
 */
final class WordClasses {

    private static final Set<String> CONTENT_NATURES = Set.of(
        "n", "nz", "nl", "ng", "ns", "nsf", "nt", "ntc", "ntcf", "ntcb", "ntch", "nto", "ntu", "nts", "nth",
        "nf", "nh", "nhm", "nhd", "nm", "nmc", "nb", "nba", "nbc", "nbp", "ni", "nic", "nit", "nn",
        "g", "gb", "gbc", "gc", "gg", "gi", "gm", "gp", "vn");

    static final Set<String> PERSON_NATURES = Set.of("nr", "nrf", "nrj");
    static final Set<String> PLACE_NATURES = Set.of("ns", "nsf");
    static final Set<String> ORGANIZATION_NATURES = Set.of("nt", "ntc", "ntcf", "ntcb", "ntch", "nto", "ntu", "nts", "nth");

    private WordClasses() {
    }

    static boolean contentNature(String nature) {
        return CONTENT_NATURES.contains(nature);
    }

    /**
     * A common noun ({@code n}): may close a key phrase even when stoplisted (科技创新/资源, 生产力/水平), while a
     * stoplisted verbal noun may not (新质生产力/发展 says nothing in this corpus).
     */
    static boolean nounLike(String nature) {
        return nature.equals("n");
    }

    /**
     * At least two characters, at least one of them a Han character or a letter, and no whitespace, punctuation or
     * symbol: excludes single characters, numbers, and stray marks.
     */
    static boolean wordLike(String word) {
        if (word.codePointCount(0, word.length()) < 2) {
            return false;
        }
        boolean hanOrLetter = false;
        for (int i = 0; i < word.length(); ) {
            int c = word.codePointAt(i);
            if (!Character.isLetterOrDigit(c)) {
                return false;
            }
            if (Character.isLetter(c)) {
                hanOrLetter = true;
            }
            i += Character.charCount(c);
        }
        return hanOrLetter;
    }

    /** Whether a token ends a sentence: 。！？!? … or a line break. */
    static boolean endsSentence(String word) {
        if (word.indexOf('\n') >= 0) {
            return true;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '。' || c == '！' || c == '？' || c == '!' || c == '?' || c == '…') {
                return true;
            }
        }
        return false;
    }

    /** Whether a token is punctuation or space (it breaks phrases). */
    static boolean isBreak(String word) {
        for (int i = 0; i < word.length(); ) {
            int c = word.codePointAt(i);
            if (Character.isLetterOrDigit(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
