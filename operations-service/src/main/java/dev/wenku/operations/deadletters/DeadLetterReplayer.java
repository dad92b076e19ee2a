package dev.wenku.operations.deadletters;

import dev.wenku.operations.deadletters.ReplayDecision.DeadLetter;
import dev.wenku.support.kafka.DeadLetterPublisher;
import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends dead letters back to the topic they came from ({@code <source>.dlt} → {@code <source>}, the convention of
 * {@link DeadLetterPublisher}) once the cause is fixed, so the pipeline processes them again; {@link ReplayDecision}
 * decides which. Progress is kept per dead-letter topic in the consumer group {@code wenku.dead-letters.replay-group},
 * so each dead letter is replayed once; one that fails again comes back as a new dead letter and is replayed by a
 * later run. Processing downstream is idempotent per version. One replay runs at a time.
 */
@Component
class DeadLetterReplayer {

    static final String REPLAYED_FROM_HEADER = "wenku-replayed-from";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplayer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProperties kafka;
    private final DeadLetterProperties properties;
    private final ReentrantLock running = new ReentrantLock();

    DeadLetterReplayer(KafkaProperties kafka, DeadLetterProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
    }

    /**
     * Replays the dead letters of {@code deadLetterTopic} not replayed yet; with {@code onlyDocument}, only that
     * document's, whatever earlier runs did, and without moving the replay position of the topic.
     */
    ReplayReport replay(String deadLetterTopic, String onlyDocument) {
        String sourceTopic = DeadLetterPublisher.sourceOf(deadLetterTopic);
        if (sourceTopic == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, deadLetterTopic + " is not a dead-letter topic (<source topic>"
                + DeadLetterPublisher.SUFFIX + ").");
        }
        if (!running.tryLock()) {
            throw new ApiException(ErrorCode.CONFLICT, "A replay is already running; try again when it has finished.");
        }
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicScan scan = new TopicScan(consumer, properties.replayTimeout());
            List<TopicPartition> deadLetterPartitions = existing(scan, deadLetterTopic);
            List<TopicPartition> sourcePartitions = existing(scan, sourceTopic);

            Map<TopicPartition, Long> start = onlyDocument == null ? committed(consumer, deadLetterPartitions) : Map.of();
            List<DeadLetter> letters = new ArrayList<>();
            Map<TopicPartition, Long> ends = scan.read(deadLetterPartitions, start, record -> {
                if (onlyDocument == null || onlyDocument.equals(record.key())) {
                    letters.add(deadLetter(record));
                }
            });
            Set<String> documents = letters.stream().map(DeadLetter::key).filter(k -> k != null)
                .collect(Collectors.toSet());
            ReplayDecision.Outcome outcome = ReplayDecision.decide(letters,
                latestVersions(scan, sourcePartitions, documents));
            send(sourceTopic, outcome.replay());
            if (onlyDocument == null) {
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                ends.forEach((partition, end) -> done.put(partition, new OffsetAndMetadata(end)));
                consumer.commitSync(done, properties.replayTimeout());
            }
            List<String> replayed = outcome.replay().stream().map(DeadLetter::key).toList();
            Map<String, Integer> skipped = new LinkedHashMap<>();
            outcome.skipped().forEach((reason, count) -> skipped.put(reason.label(), count));
            log.info("Replayed {} of {} dead letters from {} to {}; skipped {}", replayed.size(), letters.size(),
                deadLetterTopic, sourceTopic, skipped);
            return new ReplayReport(deadLetterTopic, sourceTopic, letters.size(), replayed.size(), skipped,
                replayed.subList(0, Math.min(replayed.size(), ReplayReport.LISTED)));
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ApiException(ErrorCode.KAFKA_UNAVAILABLE, "The replay could not finish, Kafka did not answer in"
                + " time (records already sent are harmless to send again; run the replay again): " + e.getMessage(), e);
        } finally {
            running.unlock();
        }
    }

    private Map<TopicPartition, Long> committed(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> start = new HashMap<>();
        consumer.committed(Set.copyOf(partitions), properties.replayTimeout()).forEach((partition, offset) -> {
            if (offset != null) {
                start.put(partition, offset.offset());
            }
        });
        return start;
    }

    private static List<TopicPartition> existing(TopicScan scan, String topic) {
        List<TopicPartition> partitions = scan.partitions(topic);
        if (partitions.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Topic " + topic + " does not exist.");
        }
        return partitions;
    }

    private static DeadLetter deadLetter(ConsumerRecord<String, byte[]> record) {
        return new DeadLetter(record.key(), record.value() == null ? null : version(record.value()), record.value(),
            record.topic() + "/" + record.partition() + "/" + record.offset());
    }

    /** The {@code version} field of an event's JSON, or null when the value is not such an event. */
    private static Integer version(byte[] value) {
        try {
            JsonNode version = JSON.readTree(value).path("version");
            return version.isIntegralNumber() ? version.asInt() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** The latest version of each wanted document on the source topic; -1 when its latest record is a tombstone. */
    private static Map<String, Integer> latestVersions(TopicScan scan, List<TopicPartition> partitions,
                                                      Set<String> wanted) {
        Map<String, Integer> latest = new HashMap<>();
        if (wanted.isEmpty()) {
            return latest;
        }
        scan.read(partitions, Map.of(), record -> {
            if (wanted.contains(record.key())) {
                Integer version = record.value() == null ? Integer.valueOf(-1) : version(record.value());
                if (version != null) {
                    latest.put(record.key(), version);
                }
            }
        });
        return latest;
    }

    private void send(String topic, List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (DeadLetter letter : letters) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, letter.key(), letter.value());
                record.headers().add(REPLAYED_FROM_HEADER, letter.origin().getBytes(StandardCharsets.UTF_8));
                sent.add(producer.send(record));
            }
            long deadline = System.nanoTime() + properties.replayTimeout().toNanos();
            for (Future<?> acknowledgement : sent) {
                acknowledgement.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while Kafka acknowledged the replayed records", e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the replayed records: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.replayGroup());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }
}
