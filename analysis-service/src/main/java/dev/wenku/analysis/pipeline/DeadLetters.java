package dev.wenku.analysis.pipeline;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.events.DocumentIngested;
import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.support.kafka.DeadLetterPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A document that cannot be analysed is retried {@code wenku.analysis.retries} times, then goes to the dead-letter
 * topic ({@link DeadLetterPublisher}: unchanged, with the exception in Kafka's {@code kafka_dlt-exception-*} headers)
 * and is reported FAILED; the pipeline goes on with the next document. Unreadable records (bad JSON, unknown schema)
 * go there at once.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetters {

    @Bean
    DefaultErrorHandler analysisErrorHandler(AnalysisProperties properties, DeadLetterPublisher deadLetters,
                                             AnalysisPublisher publisher) {
        return new DefaultErrorHandler((record, exception) -> {
            deadLetters.accept(record, exception);
            if (record.value() instanceof DocumentIngested document) {
                Throwable cause = exception.getCause() != null ? exception.getCause() : exception;
                AnalysisPublisher.await(publisher.status(document, Status.FAILED, "analysis failed: " + cause),
                    "the FAILED status of " + document.documentId());
            }
        }, new FixedBackOff(500, properties.retries()));
    }
}
