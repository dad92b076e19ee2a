package dev.wenku.search.semantic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * A document's entries in the passages index, from its text: what the embedding stage writes for a new version and
 * re-embedding writes again for a version an earlier model embedded. The passages are cut from the Simplified body
 * ({@link Passages}); the title goes with the first passage, since a poem's title is often its subject; the
 * document's own entry holds the mean of its passages' vectors.
 */
final class DocumentEmbedding {

    private final PassageEmbedder embedder;
    private final int passageCharacters;
    private final Counter passages;
    private final MeterRegistry registry;
    private final Partitioning partitioning;

    DocumentEmbedding(PassageEmbedder embedder, int passageCharacters, Partitioning partitioning,
                      MeterRegistry registry) {
        this.embedder = embedder;
        this.partitioning = partitioning;
        this.passageCharacters = passageCharacters;
        this.registry = registry;
        this.passages = Counter.builder("wenku.embedding.passages").description("Passages embedded")
            .register(registry);
    }

    /**
     * The entries of a document: its passages, each in its partition once the passages are partitioned
     * ({@link Partitioning}), then its own entry.
     *
     * @param body            the body as uploaded, whose offsets the passages keep when the Simplified body has
     *                        the same length (one character for one); null or otherwise, the Simplified text is shown
     * @param simplifiedTitle the title in Simplified script, or null
     * @param simplifiedBody  the body in Simplified script, or null
     */
    List<PassageDocument> entries(String documentId, String body, String simplifiedTitle, String simplifiedBody) {
        String simplified = simplifiedBody == null ? "" : simplifiedBody;
        String title = simplifiedTitle == null ? "" : simplifiedTitle.strip();
        boolean sameOffsets = body != null && body.length() == simplified.length();
        List<PassageDocument> entries = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        Partitions partitions = partitioning.forTagging().orElse(null);
        for (Passage passage : Passages.of(simplified, passageCharacters)) {
            String input = passage.number() == 1 && !title.isEmpty() ? title + "\n" + passage.text() : passage.text();
            float[] vector = embedder.passage(input);
            vectors.add(vector);
            entries.add(PassageDocument.passage(documentId, passage,
                sameOffsets ? body.substring(passage.start(), passage.end()) : passage.text(), vector,
                partitions == null ? null : partitions.tag(vector)));
        }
        passages.increment(vectors.size());
        float[] document = vectors.isEmpty() ? embedder.passage(title) : PassageEmbedder.mean(vectors);
        entries.add(PassageDocument.document(documentId, vectors.size(), document));
        return entries;
    }

    /**
     * Counts a document the stage or a re-embedding run dealt with, by {@code outcome}
     * ({@code wenku.embedding.documents}).
     */
    void count(String outcome) {
        registry.counter("wenku.embedding.documents", "outcome", outcome).increment();
    }
}
