package dev.wenku.search.query;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.search.query.UserQuery.Term;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserQueryTest {

    @Test
    void wordsAreAndedAndOrJoinsAlternatives() {
        UserQuery query = UserQuery.parse("新质生产力 科技 OR 人才");
        assertEquals(List.of(List.of(word("新质生产力")), List.of(word("科技"), word("人才"))), query.required());
    }

    @Test
    void quotedPhrasesAndExclusionsAreRecognisedWithChineseQuotesToo() {
        UserQuery query = UserQuery.parse("发展“新质生产力” -东北 -\"营商 环境\"");
        assertEquals(List.of(List.of(word("发展")), List.of(new Term("新质生产力", true))), query.required());
        assertEquals(List.of(word("东北"), new Term("营商 环境", true)), query.excluded());
    }

    @Test
    void pinyinLooksLikeLatinLettersOnly() {
        assertTrue(word("xzscl").mayBePinyin());
        assertTrue(!word("2024").mayBePinyin() && !word("新质").mayBePinyin());
    }

    @Test
    void malformedQueriesAreRefusedWithTheProblemNamed() {
        assertEquals(ErrorCode.MALFORMED_QUERY, assertThrows(ApiException.class, () -> UserQuery.parse("\"新质")).code());
        assertTrue(assertThrows(ApiException.class, () -> UserQuery.parse("科技 OR")).getMessage().contains("OR"));
        assertThrows(ApiException.class, () -> UserQuery.parse("OR 科技"));
        assertThrows(ApiException.class, () -> UserQuery.parse("-东北"));
        assertThrows(ApiException.class, () -> UserQuery.parse("科技 OR -东北"));
        assertThrows(ApiException.class, () -> UserQuery.parse("\"\""));
    }

    private static Term word(String text) {
        return new Term(text, false);
    }

    @Test
    void pinyinTypedWithSpacesBecomesOneWordAndOtherWordsStay() {
        UserQuery query = UserQuery.parse("新质 chuang xin shu zi -旧").withSpacedPinyinJoined();
        assertEquals(List.of(List.of(new UserQuery.Term("新质", false)), List.of(new UserQuery.Term("chuangxinshuzi", false))),
            query.required());
        assertEquals(List.of(new UserQuery.Term("旧", false)), query.excluded());
        UserQuery english = UserQuery.parse("machine learning").withSpacedPinyinJoined();
        assertEquals(2, english.required().size(), "not pinyin: left as two words");
        UserQuery alternatives = UserQuery.parse("chuang OR xin").withSpacedPinyinJoined();
        assertEquals(1, alternatives.required().size());
        assertEquals(2, alternatives.required().getFirst().size(), "alternatives stay alternatives");
    }
}
