package dev.wenku.ingest.outbox;

import dev.wenku.ingest.IngestProperties;
import dev.wenku.support.retry.OutageBackOff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the outbox to Kafka: in batches of {@code wenku.ingest.outbox.batch-size}, in the order the events were
 * stored (so one document's events stay in order: its writes are serialised by a row lock), each batch sent at once
 * and deleted from the outbox only once Kafka acknowledged all of it. If anything in a batch fails (Kafka away), the
 * whole batch stays and is sent again after a pause that grows up to {@code wenku.outage.max-pause}
 * ({@link OutageBackOff}): a record may reach Kafka twice, never not at all, and consumers are idempotent per version.
 * Only one instance relays at a time (a PostgreSQL advisory lock held on a connection of its own); the others wait to
 * take over. Woken as soon as a transaction with events commits here, it also looks every {@code poll-interval} for
 * events other instances stored.
 *
 * <p>Metrics: {@code wenku.outbox.published} (events acknowledged by Kafka), {@code wenku.outbox.batch.duration},
 * {@code wenku.outbox.backlog} (events waiting) and {@code wenku.outbox.oldest.age} (seconds the oldest has waited).
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    /** The advisory lock key of the relay: any 64-bit number the platform uses for nothing else. */
    static final long LEADER_LOCK = 0x77656e6b75L;
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private record Row(long id, String topic, String key, byte[] payload, String headers) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final DataSource dataSource;
    private final IngestProperties.Outbox settings;
    private final OutageBackOff outage;
    private final KafkaTemplate<String, byte[]> kafka;
    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final Counter published;
    private final Timer batches;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private volatile boolean wake;
    private volatile boolean running;
    private Thread thread;
    private Connection leaderConnection;

    public OutboxRelay(NamedParameterJdbcTemplate jdbc, DataSource dataSource, IngestProperties properties,
                       KafkaProperties kafka, MeterRegistry meters, OutageBackOff outage) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.settings = properties.outbox();
        this.outage = outage;
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        int request = (int) Math.min(10_000, Math.max(500, settings.publishTimeout().toMillis() / 2));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, request);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            (int) Math.max(settings.publishTimeout().toMillis(), request + 5 + 1));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, request);
        this.producers = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
        producers.addListener(new MicrometerProducerListener<>(meters));
        // No observation: the trace of each event is the one stored with it, not the relay's.
        this.kafka = new KafkaTemplate<>(producers);
        this.published = Counter.builder("wenku.outbox.published")
            .description("Events of the outbox that Kafka acknowledged").register(meters);
        this.batches = Timer.builder("wenku.outbox.batch.duration")
            .description("Time to publish one batch of the outbox, from sending to Kafka's acknowledgement").register(meters);
        Gauge.builder("wenku.outbox.backlog", backlog, AtomicLong::get).baseUnit("events")
            .description("Events stored but not yet published to Kafka").register(meters);
        Gauge.builder("wenku.outbox.oldest.age", oldestAgeMillis, age -> age.get() / 1000.0).baseUnit("seconds")
            .description("How long the oldest event not yet published has waited").register(meters);
    }

    /** Looks at the outbox now (a transaction with events committed). */
    public void wake() {
        lock.lock();
        try {
            wake = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void relay() {
        OutageBackOff.Retries outageRetries = outage.retries();
        while (running) {
            try {
                if (!leader()) {
                    await(settings.pollInterval().multipliedBy(4));
                    continue;
                }
                List<Row> rows = next();
                refreshGauges(rows);
                if (rows.isEmpty()) {
                    await(settings.pollInterval());
                    continue;
                }
                publish(rows);
                outageRetries.succeeded();
            } catch (Exception e) {
                Duration pause = outageRetries.nextPause();
                log.warn("Outbox: could not publish ({}); retrying in {} ms", e.toString(), pause.toMillis());
                dropLeadershipIfBroken();
                await(pause);
            }
        }
    }

    private List<Row> next() {
        return jdbc.query("select id, topic, event_key, payload, headers from outbox order by id limit :limit",
            Map.of("limit", settings.batchSize()), (row, i) -> new Row(row.getLong("id"), row.getString("topic"),
                row.getString("event_key"), row.getBytes("payload"), row.getString("headers")));
    }

    private void publish(List<Row> rows) throws Exception {
        long start = System.nanoTime();
        List<CompletableFuture<?>> acknowledgements = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
            JSON.readValue(row.headers(), HEADERS).forEach((name, value) ->
                record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            acknowledgements.add(kafka.send(record));
        }
        kafka.flush();
        try {
            CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new))
                .get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (dropUnpublishable(rows, acknowledgements)) {
                return;
            }
            throw e;
        }
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        jdbc.update("delete from outbox where id = any(:ids)", Map.of("ids", ids));
        published.increment(rows.size());
        batches.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /**
     * Events Kafka will never take (e.g. larger than a record may be: uploads are bounded so that this does not
     * happen) would block the outbox for ever: each is removed and its document's current version reported FAILED,
     * with the reason. Returns whether there were any, so the rest of the batch is simply sent again.
     */
    private boolean dropUnpublishable(List<Row> rows, List<CompletableFuture<?>> acknowledgements) {
        List<Row> unpublishable = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Throwable failure = acknowledgements.get(i).exceptionNow();
            if (acknowledgements.get(i).isCompletedExceptionally() && !retriable(failure)) {
                unpublishable.add(rows.get(i));
                log.error("Outbox: event {} of document {} cannot be published and is dropped: {}", rows.get(i).id(),
                    rows.get(i).key(), failure.toString());
            }
        }
        for (Row row : unpublishable) {
            jdbc.update("delete from outbox where id = :id", Map.of("id", row.id()));
            Map<String, Object> failed = Map.of("id", row.key(), "reason", "could not be published to Kafka");
            jdbc.update("update document_version v set status = 'FAILED', status_reason = :reason, status_at = now()"
                + " from document d where d.id = :id and v.document_id = d.id and v.version = d.current_version", failed);
            jdbc.update("update document set status = 'FAILED', status_reason = :reason where id = :id", failed);
        }
        return !unpublishable.isEmpty();
    }

    private static boolean retriable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetriableException) {
                return true;
            }
            if (cause instanceof RecordTooLargeException || cause instanceof SerializationException
                    || cause instanceof InvalidTopicException) {
                return false;
            }
        }
        return true;
    }

    private void refreshGauges(List<Row> head) {
        if (head.size() < settings.batchSize()) {
            backlog.set(head.size());
        } else {
            Long count = jdbc.queryForObject("select count(*) from outbox", Map.of(), Long.class);
            backlog.set(count == null ? 0 : count);
        }
        if (head.isEmpty()) {
            oldestAgeMillis.set(0);
        } else {
            Long age = jdbc.queryForObject("select (extract(epoch from now() - created_at) * 1000)::bigint"
                + " from outbox where id = :id", Map.of("id", head.getFirst().id()), Long.class);
            oldestAgeMillis.set(age == null ? 0 : Math.max(0, age));
        }
    }

    /** Holds (or takes) the relay's advisory lock on a connection kept for it. */
    private boolean leader() throws SQLException {
        if (leaderConnection != null) {
            if (leaderConnection.isValid(2)) {
                return true;
            }
            dropLeadershipIfBroken();
        }
        Connection connection = dataSource.getConnection();
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            statement.setLong(1, LEADER_LOCK);
            try (ResultSet result = statement.executeQuery()) {
                if (result.next() && result.getBoolean(1)) {
                    leaderConnection = connection;
                    log.info("Outbox: this instance relays the outbox to Kafka");
                    return true;
                }
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return false;
    }

    private void dropLeadershipIfBroken() {
        if (leaderConnection == null) {
            return;
        }
        try {
            if (!leaderConnection.isValid(2)) {
                leaderConnection.close();
                leaderConnection = null;
            }
        } catch (SQLException e) {
            leaderConnection = null;
        }
    }

    private void await(Duration timeout) {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (!wake && running && nanos > 0) {
                nanos = woken.awaitNanos(nanos);
            }
            wake = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled()) {
            log.info("Outbox: this instance does not relay (wenku.ingest.outbox.enabled=false)");
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::relay);
    }

    @Override
    public synchronized void stop() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(settings.publishTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (leaderConnection != null) {
            try {
                leaderConnection.close();
            } catch (SQLException e) {
                log.debug("Closing the relay's connection: {}", e.toString());
            }
        }
        producers.destroy();
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
