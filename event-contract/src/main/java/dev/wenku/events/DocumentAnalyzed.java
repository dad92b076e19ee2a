package dev.wenku.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A document after analysis. JSON Schema: {@code schemas/document-analyzed.v1.schema.json}.
 *
 * @param title           title as uploaded (original script), for display
 * @param body            body as uploaded (original script), for display
 * @param simplifiedTitle title converted to Simplified script, for matching
 * @param simplifiedBody  body converted to Simplified script, for matching
 * @param keywords        most significant terms, strongest first
 * @param keyPhrases      multi-word phrases characteristic of the document
 * @param summary         an extractive summary (a few sentences of the Simplified text, in document order)
 * @param entities        people, places and organisations named in the document, with counts
 * @param themes          themes of the editors' taxonomy that the document is about, strongest first
 * @param titlePinyin     the Simplified title in toneless pinyin, syllables separated by spaces
 * @param words           the distinct content words analysis segmented the document into (its domain dictionary
 *                        keeps terms such as 新质生产力 whole), for word-level matching in search
 * @param author          who wrote the text, as uploaded (original script); null when unknown
 */
public record DocumentAnalyzed(
    int schemaVersion,
    String documentId,
    long version,
    String title,
    String body,
    String simplifiedTitle,
    String simplifiedBody,
    String source,
    List<String> tags,
    List<Keyword> keywords,
    List<String> keyPhrases,
    String summary,
    List<Entity> entities,
    List<Theme> themes,
    String titlePinyin,
    List<String> words,
    Instant ingestedAt,
    Instant analyzedAt,
    String author) implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public DocumentAnalyzed {
        Objects.requireNonNull(documentId, "documentId");
        tags = tags == null ? List.of() : List.copyOf(tags);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        keyPhrases = keyPhrases == null ? List.of() : List.copyOf(keyPhrases);
        entities = entities == null ? List.of() : List.copyOf(entities);
        themes = themes == null ? List.of() : List.copyOf(themes);
        words = words == null ? List.of() : List.copyOf(words);
    }

    /** An analysed event without an author. */
    public DocumentAnalyzed(int schemaVersion, String documentId, long version, String title, String body,
                            String simplifiedTitle, String simplifiedBody, String source, List<String> tags,
                            List<Keyword> keywords, List<String> keyPhrases, String summary, List<Entity> entities,
                            List<Theme> themes, String titlePinyin, List<String> words, Instant ingestedAt,
                            Instant analyzedAt) {
        this(schemaVersion, documentId, version, title, body, simplifiedTitle, simplifiedBody, source, tags, keywords,
            keyPhrases, summary, entities, themes, titlePinyin, words, ingestedAt, analyzedAt, null);
    }

    /** An analysed event without segmented words (as the first release published them). */
    public DocumentAnalyzed(int schemaVersion, String documentId, long version, String title, String body,
                            String simplifiedTitle, String simplifiedBody, String source, List<String> tags,
                            List<Keyword> keywords, List<String> keyPhrases, String summary, List<Entity> entities,
                            List<Theme> themes, String titlePinyin, Instant ingestedAt, Instant analyzedAt) {
        this(schemaVersion, documentId, version, title, body, simplifiedTitle, simplifiedBody, source, tags, keywords,
            keyPhrases, summary, entities, themes, titlePinyin, List.of(), ingestedAt, analyzedAt, null);
    }

    /** A keyword, its weight (higher is more significant) and its toneless pinyin without spaces. */
    public record Keyword(String term, double weight, String pinyin) {

        public Keyword(String term, double weight) {
            this(term, weight, null);
        }
    }

    /** A named entity; {@code type} is PERSON, PLACE or ORGANIZATION. */
    public record Entity(String name, String type, int count) {
    }

    /** A theme of the taxonomy with the document's score for it. */
    public record Theme(String id, String label, double score) {
    }
}
