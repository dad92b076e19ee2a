package dev.wenku.analysis.engine;

import com.hankcs.hanlp.corpus.tag.Nature;
import com.hankcs.hanlp.dictionary.CoreDictionaryTransformMatrixDictionary;
import com.hankcs.hanlp.dictionary.TransformMatrix;
import java.util.stream.IntStream;

/**
 * Keeps HanLP's part-of-speech transition matrix from being rebuilt for every sentence it tags.
 *
 * <p>Why: HanLP 1.8.6's {@code Viterbi.compute} first compares the number of parts of speech ({@code Nature.values()},
 * 148 once the dictionaries are loaded) with the states of the matrix read from its model file (107) and, when they
 * differ, extends the matrix to all of them ({@code TransformMatrix.extend}). {@code extend} copies the matrices into
 * new ones but leaves {@code states} as it was, so the two never match and every sentence allocates and copies two
 * 148 × 148 matrices, about 260 KB: under a bulk import that was two thirds of what analysis-service allocated
 * (a JFR allocation profile, a lead) and most of its collections, and the engine analysed about half as many poems a
 * second: 3,200–5,300 against 6,900–9,800 with the matrix settled (the benchmarks' in-process analysis of 20,000
 * poems, runs alternating, a throwaway probe, a lead). Extending once and recording every part of speech as a state
 * gives the matrices {@code extend} would have built each time, with the same content (the same probe: every
 * line of the seed segmented and tagged identically before and after). {@code states} is read nowhere else but in
 * that comparison. A part of speech created later (HanLP creates one for an unknown tag) makes the counts differ
 * again, and the next {@link #settle} extends once more.
 */
final class TaggingMatrix {

    private TaggingMatrix() {
    }

    /** Extends the matrix to every part of speech known now, once; cheap when it already is. */
    static void settle() {
        TransformMatrix matrix = CoreDictionaryTransformMatrixDictionary.transformMatrixDictionary;
        if (matrix.states.length != Nature.values().length) {
            extend(matrix);
        }
    }

    private static synchronized void extend(TransformMatrix matrix) {
        int natures = Nature.values().length;
        if (matrix.states.length != natures) {
            matrix.extend(natures);
            matrix.states = IntStream.range(0, natures).toArray();
        }
    }
}
