package dev.wenku.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The stage costs a model in memory and a core while it catches up: nothing of it runs unless it is enabled. */
class SemanticConfigurationTest {

    @Test
    void theEmbeddingStageIsOffByDefault() {
        new ApplicationContextRunner().withUserConfiguration(SemanticConfiguration.class)
            .run(context -> assertThat(context).doesNotHaveBean(PassageEmbedder.class)
                .doesNotHaveBean(EmbeddingListener.class).doesNotHaveBean(PassageIndex.class));
    }
}
