package dev.wenku.analysis;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of analysis-service ({@code wenku.analysis.*}).
 *
 * @param keywordCount      keywords per document
 * @param keyPhraseCount    key phrases per document
 * @param summarySentences  sentences in a document's extractive summary
 * @param topicPartitions   partitions of the topics analysis-service creates
 * @param corpusTopic       compacted topic of each document's terms and themes (corpus statistics, theme counts)
 * @param configTopic       compacted topic of the operators' dictionary, stoplist and taxonomy
 * @param deadLetterTopic   where documents that cannot be analysed go, with the error in headers
 * @param retries           attempts after the first before a document goes to the dead-letter topic
 * @param storeTimeout      how long start-up and writes wait for the Kafka-backed stores
 * @param suggestedTopics   default number of theme suggestions
 */
@ConfigurationProperties("wenku.analysis")
public record AnalysisProperties(int keywordCount, int keyPhraseCount, int summarySentences, int topicPartitions,
                                 String corpusTopic, String configTopic, String deadLetterTopic, Integer retries,
                                 Duration storeTimeout, int suggestedTopics) {

    public AnalysisProperties {
        keywordCount = keywordCount <= 0 ? 10 : keywordCount;
        keyPhraseCount = keyPhraseCount <= 0 ? 5 : keyPhraseCount;
        summarySentences = summarySentences <= 0 ? 3 : summarySentences;
        topicPartitions = topicPartitions <= 0 ? 3 : topicPartitions;
        corpusTopic = blank(corpusTopic) ? "wenku.analysis.corpus" : corpusTopic;
        configTopic = blank(configTopic) ? "wenku.analysis.config" : configTopic;
        deadLetterTopic = blank(deadLetterTopic) ? "wenku.documents.ingested.dlt" : deadLetterTopic;
        retries = retries == null || retries < 0 ? 2 : retries;
        storeTimeout = storeTimeout == null ? Duration.ofSeconds(30) : storeTimeout;
        suggestedTopics = suggestedTopics <= 0 ? 8 : suggestedTopics;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
