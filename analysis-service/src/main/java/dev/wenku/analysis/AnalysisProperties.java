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
 * @param corpusTopic       compacted topic of each document's terms and themes (corpus statistics, theme counts)
 * @param configTopic       compacted topic of the operators' dictionary, stoplist and taxonomy
 * @param retries           attempts after the first before a document goes to the dead-letter topic
 * @param storeTimeout      how long start-up and writes wait for the Kafka-backed stores
 * @param suggestedTopics   default number of theme suggestions
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
    @DefaultValue("8") int suggestedTopics) {
}
