package dev.wenku.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PinyinTextTest {

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
