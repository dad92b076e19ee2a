package dev.wenku.support.kafka;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;

/** The {@link RecordTraces} of every service whose batch listeners continue their records' traces. */
@AutoConfiguration
@ConditionalOnClass({KafkaTemplate.class, Tracer.class})
public class RecordTracesAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RecordTraces recordTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new RecordTraces(tracer.getIfAvailable(), propagator.getIfAvailable());
    }
}
