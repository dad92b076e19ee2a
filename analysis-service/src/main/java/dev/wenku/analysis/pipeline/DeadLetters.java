package dev.wenku.analysis.pipeline;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.events.DocumentIngested;
import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.support.kafka.DeadLetterPublisher;
import dev.wenku.support.retry.OutageBackOff;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A document that cannot be analysed is retried {@code wenku.analysis.retries} times, then goes to the dead-letter
 * topic ({@link DeadLetterPublisher}: unchanged, with the exception in Kafka's {@code kafka_dlt-exception-*} headers)
 * and is reported FAILED; the pipeline goes on with the next document. Unreadable records (bad JSON, unknown schema)
 * go there at once.
 *
 * <p>A batch whose corpus entries could not be stored because the database is unavailable is no fault of its
 * documents: it is retried with growing pauses ({@link OutageBackOff}, up to {@code wenku.outage.max-pause}) and
 * without limit, so analysis catches up by itself when the database is back and no document goes to the dead-letter
 * topic for it.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetters {

    @Bean
    DefaultErrorHandler analysisErrorHandler(AnalysisProperties properties, DeadLetterPublisher deadLetters,
                                             AnalysisPublisher publisher, OutageBackOff outage) {
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            deadLetters.accept(record, exception);
            if (record.value() instanceof DocumentIngested document) {
                Throwable cause = exception.getCause() != null ? exception.getCause() : exception;
                AnalysisPublisher.await(publisher.status(document, Status.FAILED, "analysis failed: " + cause),
                    "the FAILED status of " + document.documentId());
            }
        }, new FixedBackOff(500, properties.retries()));
        handler.setBackOffFunction((record, exception) -> databaseUnavailable(exception) ? outage : null);
        return handler;
    }

    /** Whether {@code failure} came from a database that could not be reached, rather than from the document. */
    static boolean databaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                || cause instanceof DataAccessResourceFailureException
                || cause instanceof CannotCreateTransactionException) {
                return true;
            }
        }
        return false;
    }
}
