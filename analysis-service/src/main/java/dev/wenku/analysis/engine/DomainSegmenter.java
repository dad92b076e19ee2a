package dev.wenku.analysis.engine;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.collection.trie.bintrie.BinTrie;
import com.hankcs.hanlp.dictionary.CoreDictionary;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.dictionary.DynamicCustomDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import java.util.List;

/**
 * HanLP's standard segmenter (Viterbi over the core dictionary, person-name recognition on, part-of-speech tags) with
 * a private user dictionary built from one {@link Lexicon.Snapshot}.
 *
 * <p>Why not HanLP's {@code CustomDictionary.add/remove}: that dictionary is global static state shared by every
 * segmenter in the JVM, and its {@code insert} even writes into the shared double-array trie when a word is already
 * there. Instead each snapshot gets its own {@link DynamicCustomDictionary}: HanLP's shipped custom dictionary (its
 * double-array trie, only read) plus a fresh binary trie holding exactly the lexicon's terms. A new lexicon revision
 * gives a new segmenter; a removed term is simply absent from the new trie, so nothing has to be undone and analyses
 * in flight keep the segmenter they started with. Global HanLP state is not modified, but for the part-of-speech
 * matrix {@link TaggingMatrix} settles once.
 *
 * <p>Place and organisation names come from the tags of HanLP's dictionaries and of the user dictionary; HanLP's
 * statistical place and organisation recognition stays off: on the seed corpus it cost ~30% more segmentation time and
 * mostly produced junk ({@code 生产力发展/nt}, {@code 将会/nt}).
 */
final class DomainSegmenter {

    private final long revision;
    private final Segment segment;

    DomainSegmenter(Lexicon.Snapshot lexicon) {
        this.revision = lexicon.revision();
        BinTrie<CoreDictionary.Attribute> trie = new BinTrie<>();
        for (Lexicon.Entry entry : lexicon.entries()) {
            CoreDictionary.Attribute attribute = new CoreDictionary.Attribute(entry.natures().length);
            for (int i = 0; i < entry.natures().length; i++) {
                attribute.nature[i] = entry.natures()[i];
                attribute.frequency[i] = entry.frequencies()[i];
                attribute.totalFrequency += entry.frequencies()[i];
            }
            trie.put(entry.term(), attribute);
        }
        DynamicCustomDictionary dictionary = new DynamicCustomDictionary(CustomDictionary.DEFAULT.dat, trie, null);
        this.segment = HanLP.newSegment()
            .enablePartOfSpeechTagging(true)
            .enableCustomDictionary(dictionary);
    }

    long revision() {
        return revision;
    }

    /**
     * Thread-safe: HanLP's {@code Segment.seg} keeps no state between calls. Its part-of-speech matrix is settled
     * first ({@link TaggingMatrix}), or HanLP rebuilds it for every sentence.
     */
    List<Term> seg(String text) {
        TaggingMatrix.settle();
        return segment.seg(text);
    }
}
