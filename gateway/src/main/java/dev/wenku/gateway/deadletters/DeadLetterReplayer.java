package dev.wenku.gateway.deadletters;

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
 * Sends dead letters back to the topic they came from ({@code <source>.dlt} → {@code <source>}), once the cause is
 * fixed, so the pipeline processes them again. A dead letter is replayed only while it is still the latest version
 * of its document on the source topic: a document edited or deleted since is skipped, since replaying it would make
 * the older text the newest record of the compacted topic. Progress is kept per dead-letter topic in the consumer
 * group {@code wenku.dead-letters.replay-group}, so each dead letter is replayed once; one that fails again comes
 * back as a new dead letter and is replayed by a later run. Processing downstream is idempotent per version.
 */
@Component
class DeadLetterReplayer {

    static final String SUFFIX = ".dlt";
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

    /** The topic has no dead letters to replay: not a {@code .dlt} topic, or it or its source does not exist. */
    static final class UnknownTopic extends RuntimeException {
        UnknownTopic(String message) {
            super(message);
        }
    }

    /** Another replay is running; two at once could send the same dead letter twice. */
    static final class AlreadyRunning extends RuntimeException {
        AlreadyRunning(String message) {
            super(message);
        }
    }

    private record DeadLetter(String key, int version, byte[] value, String origin) {
    }

    /**
     * Replays the dead letters of {@code deadLetterTopic} not replayed yet; with {@code onlyDocument}, only that
     * document's, whatever earlier runs did, and without moving the replay position of the topic.
     */
    ReplayReport replay(String deadLetterTopic, String onlyDocument) {
        if (!deadLetterTopic.endsWith(SUFFIX) || deadLetterTopic.length() == SUFFIX.length()) {
            throw new UnknownTopic(deadLetterTopic + " is not a dead-letter topic (<source topic>" + SUFFIX + ")");
        }
        String sourceTopic = deadLetterTopic.substring(0, deadLetterTopic.length() - SUFFIX.length());
        if (!running.tryLock()) {
            throw new AlreadyRunning("a replay is already running; try again when it has finished");
        }
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicScan scan = new TopicScan(consumer, properties.replayTimeout());
            List<TopicPartition> deadLetterPartitions = existing(scan, deadLetterTopic);
            List<TopicPartition> sourcePartitions = existing(scan, sourceTopic);

            Map<TopicPartition, Long> start = new HashMap<>();
            if (onlyDocument == null) {
                consumer.committed(Set.copyOf(deadLetterPartitions), properties.replayTimeout())
                    .forEach((partition, offset) -> {
                        if (offset != null) {
                            start.put(partition, offset.offset());
                        }
                    });
            }
            Map<String, DeadLetter> letters = new LinkedHashMap<>();
            Map<String, Integer> skipped = new LinkedHashMap<>();
            for (SkipReason reason : SkipReason.values()) {
                skipped.put(reason.label(), 0);
            }
            int[] examined = {0};
            Map<TopicPartition, Long> ends = scan.read(deadLetterPartitions, start, record -> {
                if (onlyDocument != null && !onlyDocument.equals(record.key())) {
                    return;
                }
                examined[0]++;
                DeadLetter letter = deadLetter(record);
                if (letter == null) {
                    skipped.merge(SkipReason.UNREADABLE.label(), 1, Integer::sum);
                    return;
                }
                if (letters.containsKey(letter.key())) {
                    // Two dead letters of one document: the later of the newest version is the candidate.
                    skipped.merge(SkipReason.SUPERSEDED.label(), 1, Integer::sum);
                }
                letters.merge(letter.key(), letter,
                    (earlier, later) -> earlier.version() > later.version() ? earlier : later);
            });

            Map<String, Integer> latest = latestVersions(scan, sourcePartitions, letters.keySet());
            List<DeadLetter> toReplay = new ArrayList<>();
            for (DeadLetter letter : letters.values()) {
                Integer current = latest.get(letter.key());
                if (current == null || current < 0) {
                    skipped.merge(SkipReason.DELETED.label(), 1, Integer::sum);
                } else if (current > letter.version()) {
                    skipped.merge(SkipReason.SUPERSEDED.label(), 1, Integer::sum);
                } else {
                    toReplay.add(letter);
                }
            }
            send(sourceTopic, toReplay);
            if (onlyDocument == null) {
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                ends.forEach((partition, end) -> done.put(partition, new OffsetAndMetadata(end)));
                consumer.commitSync(done, properties.replayTimeout());
            }
            List<String> replayed = toReplay.stream().map(DeadLetter::key).toList();
            log.info("Replayed {} of {} dead letters from {} to {}; skipped {}", replayed.size(), examined[0],
                deadLetterTopic, sourceTopic, skipped);
            return new ReplayReport(deadLetterTopic, sourceTopic, examined[0], replayed.size(), skipped,
                replayed.subList(0, Math.min(replayed.size(), ReplayReport.LISTED)));
        } finally {
            running.unlock();
        }
    }

    private static List<TopicPartition> existing(TopicScan scan, String topic) {
        List<TopicPartition> partitions = scan.partitions(topic);
        if (partitions.isEmpty()) {
            throw new UnknownTopic("topic " + topic + " does not exist");
        }
        return partitions;
    }

    private static DeadLetter deadLetter(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return null;
        }
        Integer version = version(record.value());
        return version == null ? null : new DeadLetter(record.key(), version, record.value(),
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
