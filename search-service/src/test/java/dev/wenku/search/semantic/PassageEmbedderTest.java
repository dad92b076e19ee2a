package dev.wenku.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The model finds passages that share no word with the question, which lexical search cannot. */
class PassageEmbedderTest {

    private static final Map<String, String> PASSAGES = Map.of(
        "静夜思", "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
        "出塞", "秦时明月汉时关，万里长征人未还。但使龙城飞将在，不教胡马度阴山。",
        "人工智能", "人工智能正在改变生产方式，算法和算力推动各行各业提高效率。",
        "春晓", "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。");

    private static PassageEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = new PassageEmbedder(1);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void aQuestionFindsThePassageThatAnswersItWithoutASharedWord() {
        assertThat(nearest("想念老家")).isEqualTo("静夜思");
        assertThat(nearest("机器学习对经济的影响")).isEqualTo("人工智能");
        assertThat(nearest("边塞战争")).isEqualTo("出塞");
    }

    @Test
    void vectorsAreUnitVectorsOfTheModelsDimensions() {
        float[] vector = embedder.passage("新质生产力");

        assertThat(vector).hasSize(PassageEmbedder.DIMENSIONS);
        assertThat(PassageEmbedder.similarity(vector, vector)).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void theMeanOfVectorsIsAUnitVectorBetweenThem() {
        float[] a = embedder.passage("春天");
        float[] b = embedder.passage("花开");

        float[] mean = PassageEmbedder.mean(List.of(a, b));

        assertThat(PassageEmbedder.similarity(mean, mean)).isCloseTo(1.0, within(1e-4));
        assertThat(PassageEmbedder.similarity(mean, a)).isGreaterThan(PassageEmbedder.similarity(a, b));
        assertThat(PassageEmbedder.similarity(mean, b)).isGreaterThan(PassageEmbedder.similarity(a, b));
    }

    @Test
    void onMoreThreadsAQueryAndAPassageOfOneTextGetOneVector() {
        try (PassageEmbedder twoThreads = new PassageEmbedder(2)) {
            String text = PASSAGES.get("静夜思");

            assertThat(PassageEmbedder.similarity(twoThreads.query(text), twoThreads.passage(text)))
                .isCloseTo(1.0, within(1e-4));
            assertThat(PassageEmbedder.similarity(twoThreads.query(text), embedder.passage(text)))
                .isCloseTo(1.0, within(1e-4));
        }
    }

    private static String nearest(String question) {
        float[] query = embedder.query(question);
        return PASSAGES.entrySet().stream()
            .max(Comparator.comparingDouble(e -> PassageEmbedder.similarity(query, embedder.passage(e.getValue()))))
            .orElseThrow().getKey();
    }
}
