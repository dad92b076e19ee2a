package dev.wenku.ingest.registry;

import dev.wenku.events.DocumentStatusChanged;
import dev.wenku.events.EventJson;
import dev.wenku.ingest.IngestProperties;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every document's {@link DocumentRecord}, kept in a compacted Kafka topic so it survives restarts of every
 * service without a database. Each ingest instance reads the whole topic at start-up and then keeps following it,
 * so several instances converge; a write returns once Kafka acknowledged it.
 */
@Component
public class DocumentRegistry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DocumentRegistry.class);

    private final Map<String, DocumentRecord> records = new ConcurrentHashMap<>();
    private final PendingReports pending = new PendingReports();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final IngestProperties properties;
    private final KafkaProperties kafka;
    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread follower;
    private volatile boolean running;

    public DocumentRegistry(IngestProperties properties, KafkaProperties kafka) {
        this.properties = properties;
        this.kafka = kafka;
    }

    public Optional<DocumentRecord> find(String id) {
        awaitLoaded();
        return Optional.ofNullable(records.get(id));
    }

    /** Records whose source is {@code source}, e.g. the documents made from one file of the drop folder. */
    public List<DocumentRecord> findBySource(String source) {
        awaitLoaded();
        return records.values().stream().filter(r -> source.equals(r.source())).toList();
    }

    public Collection<DocumentRecord> all() {
        awaitLoaded();
        return List.copyOf(records.values());
    }

    /** Stores a record; returns once Kafka acknowledged it. */
    public void put(DocumentRecord record) {
        awaitLoaded();
        try {
            producer.send(new ProducerRecord<>(properties.registryTopic(), record.id(),
                    EventJson.MAPPER.writeValueAsBytes(record)))
                .get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailable("Interrupted while storing " + record.id(), e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new RegistryUnavailable("Kafka did not store the record of " + record.id() + ": " + e, e);
        }
        remember(record);
    }

    /**
     * Folds a pipeline status report into the record of that version; stale or backward reports are ignored. A
     * report for a version whose record is not stored yet (the pipeline can be faster than the upload's own
     * registry write) is kept and applied when that record arrives.
     */
    public void apply(DocumentStatusChanged report) {
        DocumentRecord current = find(report.documentId()).orElse(null);
        if (current == null || current.version() < report.version()) {
            pending.keep(report);
            return;
        }
        if (current.version() == report.version() && StatusOrder.advances(current.status(), report.status())) {
            put(current.withStatus(report.status(), report.reason(), report.at()));
        }
    }

    private void remember(DocumentRecord record) {
        DocumentRecord stored = records.merge(record.id(), record, DocumentRegistry::newer);
        pending.takeFor(stored.id(), stored.version()).forEach(this::apply);
    }

    public boolean isLoaded() {
        return loaded.getCount() == 0;
    }

    private void awaitLoaded() {
        try {
            if (!loaded.await(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RegistryUnavailable("The document registry is still loading from Kafka", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailable("Interrupted while waiting for the registry", e);
        }
    }

    @Override
    public void start() {
        Map<String, Object> producerConfig = kafka.buildProducerProperties();
        producerConfig.put("acks", "all");
        producerConfig.put("enable.idempotence", true);
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        Map<String, Object> consumerConfig = kafka.buildConsumerProperties();
        consumerConfig.remove("group.id");
        consumerConfig.put("enable.auto.commit", false);
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        follower = new Thread(this::follow, "document-registry");
        follower.setDaemon(true);
        follower.start();
    }

    private void follow() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.value() == null) {
                        records.remove(r.key());
                    } else {
                        DocumentRecord record = EventJson.MAPPER.readValue(r.value(), DocumentRecord.class);
                        if (loaded.getCount() == 0) {
                            remember(record);
                        } else {
                            records.merge(r.key(), record, DocumentRegistry::newer);
                        }
                    }
                });
                if (loaded.getCount() > 0 && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    log.info("Document registry loaded: {} documents", records.size());
                    loaded.countDown();
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer up
        } catch (RuntimeException e) {
            log.error("The document registry stopped following {}", properties.registryTopic(), e);
        } finally {
            consumer.close();
        }
    }

    private List<TopicPartition> awaitPartitions() {
        while (running) {
            try {
                List<TopicPartition> partitions = consumer.partitionsFor(properties.registryTopic(), Duration.ofSeconds(5))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (!partitions.isEmpty()) {
                    return partitions;
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.warn("Waiting for Kafka to load the document registry: {}", e.getMessage());
            }
        }
        throw new WakeupException();
    }

    /** A later version, or a later state of the same version, wins; replays of old records change nothing. */
    private static DocumentRecord newer(DocumentRecord a, DocumentRecord b) {
        if (a.version() != b.version()) {
            return a.version() > b.version() ? a : b;
        }
        return b.updatedAt() != null && (a.updatedAt() == null || !b.updatedAt().isBefore(a.updatedAt())) ? b : a;
    }

    @Override
    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server opens, so requests meet a loading (not an empty) registry. */
    @Override
    public int getPhase() {
        return 0;
    }
}
