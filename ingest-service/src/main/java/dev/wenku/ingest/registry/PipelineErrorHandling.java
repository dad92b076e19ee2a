package dev.wenku.ingest.registry;

import dev.wenku.support.retry.OutageBackOff;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * While the database is unavailable a batch of status reports or analyses that could not be stored is retried with
 * growing pauses ({@link OutageBackOff}, up to {@code wenku.outage.max-pause}) and without limit, the consumer paused
 * in between so its group does not rebalance: the registry catches up by itself when the database is back and no
 * report is skipped (Spring Kafka's default gives up after ten attempts). Unreadable records never get here: they
 * arrive as {@code null} values and are ignored by {@link PipelineListener}.
 */
@Configuration(proxyBeanMethods = false)
class PipelineErrorHandling {

    @Bean
    DefaultErrorHandler pipelineErrorHandler(OutageBackOff outage) {
        return new DefaultErrorHandler(outage);
    }
}
