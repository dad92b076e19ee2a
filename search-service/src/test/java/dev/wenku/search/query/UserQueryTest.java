package dev.wenku.search.query;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.search.query.UserQuery.Term;
import java.util.List;
import java.util.Map;
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

    @Test
    void aFieldPrefixLimitsATermToThatFieldInChineseOrEnglishWithEitherColon() {
        UserQuery query = UserQuery.parse("作者:李白 author：杜甫 标题:\"静夜 思\" 月光 -title:春望 http://example.org");
        assertEquals(List.of(
            List.of(new Term("李白", false, UserQuery.Field.AUTHOR)),
            List.of(new Term("杜甫", false, UserQuery.Field.AUTHOR)),
            List.of(new Term("静夜 思", true, UserQuery.Field.TITLE)),
            List.of(word("月光")),
            List.of(word("http://example.org"))), query.required(), "an unknown prefix is part of the word");
        assertEquals(List.of(new Term("春望", false, UserQuery.Field.TITLE)), query.excluded());
        assertEquals(List.of(List.of(new Term("libai", false, UserQuery.Field.AUTHOR))),
            UserQuery.parse("作者:libai").withSpacedPinyinJoined().required(), "a field's pinyin stays in its field");
        ApiException empty = assertThrows(ApiException.class, () -> UserQuery.parse("作者: 李白"));
        assertEquals(ErrorCode.MALFORMED_QUERY, empty.code());
        assertTrue(empty.getMessage().contains("作者:"), empty.getMessage());
    }

    @Test
    void aQueryWrittenOutParsesBackToItselfAndATermCanBeReplaced() {
        UserQuery query = UserQuery.parse("作者:李白 明月 OR \"月 光\" 标题:静夜思 -故乡");
        assertEquals("作者:李白 明月 OR \"月 光\" 标题:静夜思 -故乡", query.text());
        assertEquals(query, UserQuery.parse(query.text()));
        UserQuery replaced = query.replacing(Map.of(word("明月"), word("明日"), word("故乡"), word("他乡")));
        assertEquals("作者:李白 明日 OR \"月 光\" 标题:静夜思 -他乡", replaced.text());
    }

    @Test
    void onlyWordsOfThreeCharactersOrMoreOrOfPinyinLettersAreCorrected() {
        assertTrue(QueryCorrections.correctable(word("新质生厂力")) && QueryCorrections.correctable(word("chuangxing")));
        assertFalse(QueryCorrections.correctable(word("月光")), "one character of two is another word");
        assertFalse(QueryCorrections.correctable(word("cx")), "initials are too short to correct");
        assertFalse(QueryCorrections.correctable(new Term("新质生厂力", true)), "a phrase is meant as typed");
        assertFalse(QueryCorrections.correctable(new Term("李太白", false, UserQuery.Field.AUTHOR)));
        assertFalse(QueryCorrections.correctable(word("癸a3f5c2be")), "a code, not a word");
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
