package dev.wenku.kafkatable;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * A compacted Kafka topic as a durable map replicated to every instance: {@link #start()} reads the whole topic,
 * then keeps following it, so instances converge on each other's writes; {@link #put} and {@link #remove} return
 * once Kafka acknowledged the write ({@link #putAsync} and {@link #removeAsync} return at once). Values are JSON.
 *
 * <p>When two values meet for one key (a local write and a replayed or concurrent one), {@code resolve} picks the
 * one to keep, e.g. the higher version; by default the incoming value wins.
 */
public final class KafkaTable<V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaTable.class);

    private final String topic;
    private final Class<V> type;
    private final JsonMapper json;
    private final Map<String, Object> producerConfig;
    private final Map<String, Object> consumerConfig;
    private final Duration timeout;
    private final BinaryOperator<V> resolve;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, V>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;

    /**
     * @param clientConfig Kafka client settings (bootstrap servers, security); serializers and group are set here
     * @param timeout      how long reads wait for the initial load and writes for Kafka's acknowledgement
     */
    public KafkaTable(String topic, Class<V> type, JsonMapper json, Map<String, Object> clientConfig, Duration timeout,
                      BinaryOperator<V> resolve) {
        this.topic = topic;
        this.type = type;
        this.json = json;
        this.timeout = timeout;
        this.resolve = resolve == null ? (current, incoming) -> incoming : resolve;
        this.producerConfig = new HashMap<>(clientConfig);
        producerConfig.put("acks", "all");
        producerConfig.put("enable.idempotence", true);
        producerConfig.put("max.block.ms", timeout.toMillis());
        this.consumerConfig = new HashMap<>(clientConfig);
        consumerConfig.remove("group.id");
        consumerConfig.put("enable.auto.commit", false);
    }

    public String topic() {
        return topic;
    }

    /**
     * Called for every change, local or from another instance, including the records of the initial load (value
     * null = removed). Register before {@link #start()}. Listeners run on the writer's or the follower's thread and
     * must not wait for the table to load.
     */
    public void onChange(BiConsumer<String, V> listener) {
        listeners.add(listener);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        Thread follower = new Thread(this::follow, "kafka-table-" + topic);
        follower.setDaemon(true);
        follower.start();
    }

    public boolean isLoaded() {
        return loaded.getCount() == 0;
    }

    public Optional<V> get(String key) {
        awaitLoaded();
        return Optional.ofNullable(values.get(key));
    }

    public Collection<V> values() {
        awaitLoaded();
        return List.copyOf(values.values());
    }

    public void put(String key, V value) {
        await(key, putAsync(key, value));
    }

    public void remove(String key) {
        await(key, removeAsync(key));
    }

    /**
     * Writes without waiting for Kafka: the future completes once Kafka acknowledged the write (then the table holds
     * it), or fails with a {@link TableUnavailableException}. Writers of many values (a batch of a listener) send them
     * all, then wait once, instead of a round trip each.
     */
    public CompletableFuture<Void> putAsync(String key, V value) {
        awaitLoaded();
        return send(key, json.writeValueAsBytes(value)).thenRun(() -> apply(key, value));
    }

    /** {@link #remove} without waiting, as {@link #putAsync}. */
    public CompletableFuture<Void> removeAsync(String key) {
        awaitLoaded();
        return send(key, null).thenRun(() -> apply(key, null));
    }

    private CompletableFuture<Void> send(String key, byte[] value) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, failure) -> {
                if (failure == null) {
                    stored.complete(null);
                } else {
                    stored.completeExceptionally(new TableUnavailableException("Kafka did not store " + key + " in "
                        + topic + ": " + failure, failure));
                }
            });
        } catch (RuntimeException e) {
            stored.completeExceptionally(new TableUnavailableException("Kafka did not store " + key + " in " + topic
                + ": " + e, e));
        }
        return stored;
    }

    private void await(String key, CompletableFuture<Void> stored) {
        try {
            stored.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TableUnavailableException("Interrupted while writing " + key + " to " + topic, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TableUnavailableException unavailable ? unavailable
                : new TableUnavailableException("Kafka did not store " + key + " in " + topic + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new TableUnavailableException("Kafka did not store " + key + " in " + topic + " within " + timeout, e);
        }
    }

    private void apply(String key, V incoming) {
        V result = incoming == null ? null : values.merge(key, incoming, resolve);
        if (incoming == null) {
            values.remove(key);
        }
        listeners.forEach(l -> l.accept(key, result));
    }

    /** Waits (bounded by the table's timeout) until the initial load is done; cheap once it is. */
    public void awaitLoaded() {
        if (isLoaded()) {
            return;
        }
        try {
            if (!loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TableUnavailableException(topic + " is still loading from Kafka", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TableUnavailableException("Interrupted while waiting for " + topic, e);
        }
    }

    private void follow() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                consumer.poll(Duration.ofMillis(500)).forEach(r ->
                    apply(r.key(), r.value() == null ? null : json.readValue(r.value(), type)));
                if (!isLoaded() && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    log.info("{} loaded: {} entries", topic, values.size());
                    loaded.countDown();
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer up
        } catch (RuntimeException e) {
            log.error("Stopped following {}", topic, e);
        } finally {
            consumer.close();
        }
    }

    private List<TopicPartition> awaitPartitions() {
        while (running) {
            try {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (!partitions.isEmpty()) {
                    return partitions;
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.warn("Waiting for Kafka to load {}: {}", topic, e.getMessage());
            }
        }
        throw new WakeupException();
    }

    @Override
    public synchronized void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
