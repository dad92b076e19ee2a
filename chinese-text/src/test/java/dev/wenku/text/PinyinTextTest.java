package dev.wenku.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
