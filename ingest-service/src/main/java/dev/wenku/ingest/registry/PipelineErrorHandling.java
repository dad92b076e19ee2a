package dev.wenku.ingest.registry;

import dev.wenku.ingest.IngestProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * While the database is unavailable a batch of status reports or analyses that could not be stored is retried with
 * growing pauses (up to {@code wenku.ingest.retry-backoff-max}) and without limit, the consumer paused in between so
 * its group does not rebalance: the registry catches up by itself when the database is back and no report is skipped
 * (Spring Kafka's default gives up after ten attempts). Unreadable records never get here: they arrive as
 * {@code null} values and are ignored by {@link PipelineListener}.
 */
@Configuration(proxyBeanMethods = false)
class PipelineErrorHandling {

    @Bean
    DefaultErrorHandler pipelineErrorHandler(IngestProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(250, 2.0);
        backOff.setMaxInterval(properties.retryBackoffMax().toMillis());
        return new DefaultErrorHandler(backOff);
    }
}
