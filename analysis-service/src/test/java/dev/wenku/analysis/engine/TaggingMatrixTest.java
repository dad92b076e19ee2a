package dev.wenku.analysis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.hankcs.hanlp.corpus.tag.Nature;
import com.hankcs.hanlp.dictionary.CoreDictionaryTransformMatrixDictionary;
import com.hankcs.hanlp.dictionary.TransformMatrix;
import com.hankcs.hanlp.seg.common.Term;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaggingMatrixTest {

    private static final DomainSegmenter SEGMENTER = new DomainSegmenter(Lexicon.defaults().snapshot());
    private static final TransformMatrix MATRIX = CoreDictionaryTransformMatrixDictionary.transformMatrixDictionary;

    @Test
    void sentencesAreTaggedWithOneMatrixNotANewOneEach() {
        SEGMENTER.seg("床前明月光，疑是地上霜。");
        double[][] transitions = MATRIX.transititon_probability;

        List<Term> terms = SEGMENTER.seg("举头望明月，低头思故乡。");
        SEGMENTER.seg("加快发展新质生产力，推动高质量发展。");

        assertThat(MATRIX.transititon_probability).isSameAs(transitions);
        assertThat(MATRIX.states).hasSize(Nature.values().length);
        assertThat(terms).extracting(term -> term.word + "/" + term.nature).contains("故乡/n", "低头/vi");
    }

    @Test
    void aPartOfSpeechCreatedLaterExtendsTheMatrixOnceMore() {
        SEGMENTER.seg("春眠不觉晓，处处闻啼鸟。");
        Nature created = Nature.create("wenku_test_tag");

        SEGMENTER.seg("夜来风雨声，花落知多少。");
        double[][] transitions = MATRIX.transititon_probability;
        SEGMENTER.seg("白日依山尽，黄河入海流。");

        assertThat(MATRIX.transititon_probability).isSameAs(transitions).hasNumberOfRows(Nature.values().length);
        assertThat(MATRIX.states).hasSize(Nature.values().length);
        assertThat(created.ordinal()).isLessThan(MATRIX.transititon_probability.length);
    }
}
