package dev.wenku.analysis;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of analysis-service ({@code wenku.analysis.*}).
 *
 * @param keywordCount      keywords per document
 * @param keyPhraseCount    key phrases per document
 * @param summarySentences  sentences in a document's extractive summary
 * @param corpusTopic       compacted topic where releases before the corpus moved to PostgreSQL kept each document's
 *                          terms and themes: read once into the database on the first start after the upgrade
 * @param configTopic       compacted topic of the operators' dictionary, stoplist and taxonomy
 * @param retries           attempts after the first before a document goes to the dead-letter topic
 * @param storeTimeout      how long start-up and writes wait for the Kafka-backed stores
 * @param suggestedTopics   default number of theme suggestions
 * @param suggestionParagraphs the most paragraphs theme suggestions read: a random sample of the corpus's documents,
 *                          so the time and memory they take do not grow with the corpus
 * @param cachedTerms       document frequencies kept in memory (least recently used go first), so analysing a
 *                          document does not query the database for every word
 * @param frequencyAge      how old a cached document frequency (and the corpus size) may get before it is read again:
 *                          other instances' analyses reach this one's keyword weights within it
 */
@ConfigurationProperties("wenku.analysis")
public record AnalysisProperties(
    @DefaultValue("10") int keywordCount,
    @DefaultValue("5") int keyPhraseCount,
    @DefaultValue("3") int summarySentences,
    @DefaultValue("wenku.analysis.corpus") String corpusTopic,
    @DefaultValue("wenku.analysis.config") String configTopic,
    @DefaultValue("2") int retries,
    @DefaultValue("30s") Duration storeTimeout,
    @DefaultValue("8") int suggestedTopics,
    @DefaultValue("2000") int suggestionParagraphs,
    @DefaultValue("200000") int cachedTerms,
    @DefaultValue("10s") Duration frequencyAge) {
}
