package dev.wenku.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wenku.benchmarks.JudgedQueries.Query;
import dev.wenku.benchmarks.JudgedQueries.Text;
import dev.wenku.testsupport.SeedCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judged set of the poetry corpus as the relevance benchmark reads it, and its rules as it applies them. */
class JudgedQueriesTest {

    private static final Text QUIET_NIGHT = Text.of("靜夜思", "李白", "牀前看月光，疑是地上霜。\n舉頭望山月，低頭思故鄉。");

    @Test
    void theSetHasAHundredQueriesOrMoreOfEveryKindTheReadmeNamesEachWithARule() {
        List<Query> queries = JudgedQueries.load(SeedCorpus.locate("evaluation/poetry-queries.tsv"));

        assertThat(queries).hasSizeGreaterThanOrEqualTo(100);
        Map<String, Long> byKind = queries.stream().collect(Collectors.groupingBy(Query::kind, Collectors.counting()));
        assertThat(byKind.keySet()).containsExactlyInAnyOrder("title", "title-traditional", "title-author", "line",
            "line-traditional", "line-typo", "pinyin-title", "pinyin-line", "author", "topic", "paraphrase", "question");
        assertThat(queries.stream().filter(Query::byMeaning).count()).as("paraphrases and questions (issue 21)")
            .isGreaterThanOrEqualTo(50);
        assertThat(queries).allSatisfy(q -> assertThat(q.conditions()).isNotEmpty());
        assertThat(queries.stream().map(Query::query).distinct().count()).as("no query twice").isEqualTo(queries.size());
    }

    @Test
    void aRuleComparesSimplifiedHanCharactersOnlyAndEveryConditionMustHold() {
        assertThat(rule("title=静夜思").relevant(QUIET_NIGHT)).isTrue();
        assertThat(rule("line=举头望山月").relevant(QUIET_NIGHT)).as("across the line's punctuation and script").isTrue();
        assertThat(rule("line=疑是地上霜举头").relevant(QUIET_NIGHT)).as("and across lines").isTrue();
        assertThat(rule("title=静夜思 author=李白").relevant(QUIET_NIGHT)).isTrue();
        assertThat(rule("title=静夜思 author=杜甫").relevant(QUIET_NIGHT)).isFalse();
        assertThat(rule("title~思|别").relevant(QUIET_NIGHT)).isTrue();
        assertThat(rule("title~送|别").relevant(QUIET_NIGHT)).isFalse();
        assertThat(rule("title=静夜").relevant(QUIET_NIGHT)).as("a title is matched whole").isFalse();
    }

    @Test
    void anUnknownRuleIsRefusedWhenTheSetIsRead(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("queries.tsv"), "title\t静夜思\tname=静夜思\n");

        assertThatThrownBy(() -> JudgedQueries.load(file)).hasMessageContaining("name=静夜思");
    }

    private static Query rule(String judgement) {
        return new Query("test", judgement, judgement, Stream.of(judgement.split(" ")).map(JudgedQueries::condition)
            .toList());
    }
}
