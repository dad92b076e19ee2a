package dev.wenku.search.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wenku.testsupport.Fixtures;
import dev.wenku.text.SimplifiedScript;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Poems of the real corpus's committed slice as the partitioning tests' passages, embedded and written by the stage's
 * code straight to the passages index of the search-service under test: published to the analysed-documents topic,
 * they would reach the other tests' indices too.
 */
final class PoemPassages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PoemPassages() {
    }

    /** The id of the {@code n}th poem written, counted from 0. */
    static String id(int n) {
        return "poem-" + n;
    }

    /** The first {@code poems} poems of the slice with a body, as documents {@link #id} 0, 1, …; their ids. */
    static List<String> write(ConfigurableApplicationContext search, int poems) throws Exception {
        DocumentEmbedding embedding = search.getBean(DocumentEmbedding.class);
        List<String> ids = new ArrayList<>();
        PassageIndex.Changes changes = new PassageIndex.Changes();
        for (String line : Fixtures.utf8(Fixtures.POETRY_SLICE).lines().toList()) {
            JsonNode poem = JSON.readTree(line);
            String body = poem.path("body").asText();
            if (!body.isBlank() && ids.size() < poems) {
                String id = id(ids.size());
                changes.replace(1, embedding.entries(id, body, SimplifiedScript.of(poem.path("title").asText()),
                    SimplifiedScript.of(body)), 0);
                ids.add(id);
            }
        }
        search.getBean(PassageIndex.class).apply(changes);
        return ids;
    }
}
