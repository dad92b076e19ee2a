package dev.wenku.analysis.pipeline;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.events.DocumentIngested;
import dev.wenku.events.DocumentStatusChanged.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A document that cannot be analysed is retried {@code wenku.analysis.retries} times, then published unchanged to
 * the dead-letter topic (with the exception in Kafka's {@code kafka_dlt-exception-*} headers) and reported FAILED;
 * the pipeline goes on with the next document. Unreadable records (bad JSON, unknown schema) go there at once.
 * Each record sent there counts in {@value #DEAD_LETTERS} (tag {@code topic}).
 */
@Configuration(proxyBeanMethods = false)
class DeadLetters {

    static final String DEAD_LETTERS = "wenku.dead.letters";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    @Bean
    DefaultErrorHandler analysisErrorHandler(AnalysisProperties properties, KafkaProperties kafka,
                                             KafkaTemplate<?, ?> eventTemplate, AnalysisPublisher publisher,
                                             MeterRegistry meters) {
        Map<String, Object> config = kafka.buildProducerProperties();
        DefaultKafkaProducerFactory<String, byte[]> rawProducers = new DefaultKafkaProducerFactory<>(config,
            new StringSerializer(), new ByteArraySerializer());
        // Built here, not by Spring Boot: its Kafka client metrics are added the way Boot adds them to its own.
        rawProducers.addListener(new MicrometerProducerListener<>(meters));
        KafkaTemplate<String, byte[]> rawTemplate = new KafkaTemplate<>(rawProducers);
        Counter deadLettered = Counter.builder(DEAD_LETTERS).description("Records sent to a dead-letter topic")
            .tag("topic", properties.deadLetterTopic()).register(meters);
        // Ordered: the recoverer takes the first template whose type fits, and Object fits raw bytes too.
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, rawTemplate);
        templates.put(Object.class, eventTemplate);
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(templates,
            (record, exception) -> new TopicPartition(properties.deadLetterTopic(), -1));
        ConsumerRecordRecoverer recoverer = (record, exception) -> {
            deadLetters.accept(record, exception);
            deadLettered.increment();
            reportFailure(record, exception, publisher);
        };
        return new DefaultErrorHandler(recoverer, new FixedBackOff(500, properties.retries()));
    }

    private static void reportFailure(ConsumerRecord<?, ?> record, Exception exception, AnalysisPublisher publisher) {
        Throwable cause = exception.getCause() != null ? exception.getCause() : exception;
        log.error("Document {} sent to the dead-letter topic: {}", record.key(), cause.toString());
        if (record.value() instanceof DocumentIngested document) {
            publisher.status(document, Status.FAILED, "analysis failed: " + cause);
        }
    }
}
