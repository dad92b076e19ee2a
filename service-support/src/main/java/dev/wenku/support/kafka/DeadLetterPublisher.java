package dev.wenku.support.kafka;

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
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * The platform's one dead-letter convention: a record that cannot be processed goes, unchanged, to
 * {@code <its topic>}{@value #SUFFIX} with Spring Kafka's {@code kafka_dlt-*} headers (original topic, partition,
 * offset and timestamp, the exception's class, message and stack trace), which is what a replay reads to send it
 * back. Each record Kafka acknowledged there counts in {@value #METRIC} (tag {@code topic}). Publishing waits for
 * Kafka's acknowledgement, so a consumer commits its offset only once the dead letter is safe.
 */
public class DeadLetterPublisher implements ConsumerRecordRecoverer {

    public static final String SUFFIX = ".dlt";
    public static final String METRIC = "wenku.dead.letters";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final DeadLetterPublishingRecoverer recoverer;
    private final MeterRegistry meters;

    /**
     * @param producerSettings the application's producer settings (keys are strings)
     * @param events           the application's template for values that are not raw bytes (its serializer writes
     *                         them as they were read), or null when every value is raw bytes
     */
    public DeadLetterPublisher(Map<String, Object> producerSettings, KafkaOperations<?, ?> events,
                               MeterRegistry meters) {
        DefaultKafkaProducerFactory<String, byte[]> rawProducers = new DefaultKafkaProducerFactory<>(producerSettings,
            new StringSerializer(), new ByteArraySerializer());
        // Built here, not by Spring Boot: its Kafka client metrics are added the way Boot adds them to its own.
        rawProducers.addListener(new MicrometerProducerListener<>(meters));
        // Ordered: the recoverer takes the first template whose type fits, and Object fits raw bytes too.
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, new KafkaTemplate<>(rawProducers));
        if (events != null) {
            templates.put(Object.class, events);
        }
        this.recoverer = new DeadLetterPublishingRecoverer(templates,
            (record, exception) -> new TopicPartition(topicOf(record.topic()), -1));
        this.meters = meters;
    }

    /**
     * Declares that records of {@code sourceTopic} may be dead-lettered here: registers its counter at zero, so the
     * series exists (and alerts on its increase can be evaluated) before the first dead letter; returns the
     * dead-letter topic's name, for the service to create it.
     */
    public String declare(String sourceTopic) {
        counter(topicOf(sourceTopic));
        return topicOf(sourceTopic);
    }

    private Counter counter(String deadLetterTopic) {
        return Counter.builder(METRIC).description("Records sent to a dead-letter topic")
            .tag("topic", deadLetterTopic).register(meters);
    }

    /** The dead-letter topic of a source topic. */
    public static String topicOf(String sourceTopic) {
        return sourceTopic + SUFFIX;
    }

    /** The source topic of a dead-letter topic, or null when the name is not one. */
    public static String sourceOf(String deadLetterTopic) {
        return deadLetterTopic.endsWith(SUFFIX) && deadLetterTopic.length() > SUFFIX.length()
            ? deadLetterTopic.substring(0, deadLetterTopic.length() - SUFFIX.length()) : null;
    }

    /** Publishes {@code record} to its dead-letter topic and returns once Kafka acknowledged it. */
    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception cause) {
        Throwable reason = cause.getCause() != null ? cause.getCause() : cause;
        log.error("Record {}/{}/{} (key {}) sent to {}: {}", record.topic(), record.partition(), record.offset(),
            record.key(), topicOf(record.topic()), reason.toString());
        recoverer.accept(record, cause);
        counter(topicOf(record.topic())).increment();
    }
}
