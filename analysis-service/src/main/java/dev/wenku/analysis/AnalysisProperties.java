package dev.wenku.analysis;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of analysis-service ({@code wenku.analysis.*}).
 *
 * @param keywordCount    how many keywords each document gets
 * @param topicPartitions partitions of the analysed-documents topic when analysis-service creates it
 */
@ConfigurationProperties("wenku.analysis")
public record AnalysisProperties(int keywordCount, int topicPartitions) {

    public AnalysisProperties {
        keywordCount = keywordCount <= 0 ? 10 : keywordCount;
        topicPartitions = topicPartitions <= 0 ? 3 : topicPartitions;
    }
}
