package dev.wenku.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PinyinTextTest {

    @Test
    void theWordsOfATextThatSyllablesSpellAreFoundWhereverTheyStand() {
        assertEquals(List.of("创新", "窗心"), List.copyOf(PinyinText.spelledIn("坚持创新，打开窗心里亮，再创新。",
            List.of("chuang", "xin"))));
        assertEquals(List.of("银行"), List.copyOf(PinyinText.spelledIn("他去银行取钱。", List.of("yin", "hang"))),
            "a polyphonic character read by its word");
        assertEquals(List.of(), List.copyOf(PinyinText.spelledIn("创 新", List.of("chuang", "xin"))),
            "only characters in a row");
        assertEquals(List.of(), List.copyOf(PinyinText.spelledIn("创新", List.of())));
    }

    @Test
    void syllablesAreTonelessAndPolyphonicCharactersAreReadByWord() {
        assertEquals("2024 xue xi xin zhi sheng chan li xin de ti hui gan wu 1",
            PinyinText.spaced("2024学习“新质生产力”心得体会感悟1"));
        assertEquals("zhongyao", PinyinText.joined("重要"));
        assertEquals("lvsegdp", PinyinText.joined("绿色GDP"));
    }

    @Test
    void initialsAreTheFirstLetterOfEachSyllable() {
        assertEquals("xzscl", PinyinText.initials("新质生产力"));
        assertEquals("", PinyinText.initials(""));
    }

    @Test
    void typedPinyinSplitsIntoSyllablesWithOrWithoutSpacesAndToneMarksAndMixedWithCharacters() {
        List<String> chuangxin = List.of("chuang", "xin");
        assertEquals(chuangxin, PinyinText.typedSyllables("chuangxin"));
        assertEquals(chuangxin, PinyinText.typedSyllables("chuang xin"));
        assertEquals(chuangxin, PinyinText.typedSyllables("chuàngxīn"));
        assertEquals(chuangxin, PinyinText.typedSyllables("ChuangXin"));
        assertEquals(List.of("shu", "zi", "jing", "ji"), PinyinText.typedSyllables("shuzijingji"));
        assertEquals(List.of("xin", "zhi"), PinyinText.typedSyllables("新zhi"));
        assertEquals(List.of("xin", "zhi"), PinyinText.typedSyllables("xin质"));
        assertEquals(List.of("lv", "se"), PinyinText.typedSyllables("lüse"));
        assertEquals(List.of("xian"), PinyinText.typedSyllables("xian"), "the fewest syllables");
    }

    @Test
    void textThatIsNotPinyinHasNoSyllables() {
        assertEquals(List.of(), PinyinText.typedSyllables("cx"), "initials");
        assertEquals(List.of(), PinyinText.typedSyllables("learning"));
        assertEquals(List.of(), PinyinText.typedSyllables("gdp2024"));
        assertEquals(List.of(), PinyinText.typedSyllables(" "));
    }
}
