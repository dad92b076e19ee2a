package dev.wenku.analysis.engine;

import com.hankcs.hanlp.seg.common.Term;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The single segmentation of a document (title, then body) with what every later step needs: each token's word, tag
 * and class, and an id per distinct content word. All steps of an analysis read this; none segments again.
 */
final class Tokens {

    /** Not a content word. */
    static final int NONE = -1;

    final int size;
    final int bodyStart;
    final String[] words;
    final String[] natures;
    /** Id of the content word at each position, or {@link #NONE}. */
    final int[] contentId;
    /** A stoplisted common noun ({@code n}: 资源, 水平) that may close a key phrase. */
    final boolean[] phrasePart;
    final boolean[] breaks;
    /** Distinct content words, by id, in order of first occurrence. */
    final String[] content;
    final int contentCount;
    /** Occurrences of content words. */
    final int contentOccurrences;

    private Tokens(List<Term> title, List<Term> body, Lexicon.Snapshot lexicon) {
        size = title.size() + body.size();
        bodyStart = title.size();
        words = new String[size];
        natures = new String[size];
        contentId = new int[size];
        phrasePart = new boolean[size];
        breaks = new boolean[size];
        Map<String, Integer> ids = new HashMap<>();
        String[] distinct = new String[Math.max(16, size)];
        int occurrences = 0;
        int i = 0;
        for (List<Term> part : List.of(title, body)) {
            for (Term term : part) {
                String word = term.word;
                String nature = term.nature == null ? "x" : term.nature.toString();
                words[i] = word;
                natures[i] = nature;
                contentId[i] = NONE;
                boolean dictionaryTerm = lexicon.byTerm().containsKey(word);
                boolean wordLike = WordClasses.wordLike(word);
                if (wordLike && (dictionaryTerm || WordClasses.contentNature(nature))
                    && !lexicon.stoplist().contains(word)) {
                    Integer id = ids.get(word);
                    if (id == null) {
                        id = ids.size();
                        ids.put(word, id);
                        distinct[id] = word;
                    }
                    contentId[i] = id;
                    occurrences++;
                } else if (wordLike && (dictionaryTerm || WordClasses.nounLike(nature))) {
                    phrasePart[i] = true;   // a stoplisted noun (资源, 水平); stoplisted verbal nouns (发展) are not
                } else {
                    breaks[i] = WordClasses.isBreak(word);
                }
                i++;
            }
        }
        contentCount = ids.size();
        content = Arrays.copyOf(distinct, contentCount);
        contentOccurrences = occurrences;
    }

    static Tokens of(List<Term> title, List<Term> body, Lexicon.Snapshot lexicon) {
        return new Tokens(title, body, lexicon);
    }

    boolean isContent(int position) {
        return contentId[position] != NONE;
    }
}
