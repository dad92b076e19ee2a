package dev.wenku.operations.backlog;

import dev.wenku.operations.OperationsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Publishes Kafka's own view of the backlog as gauges, refreshed every {@code wenku.operations.backlog-refresh}:
 * {@code wenku.kafka.consumer.lag{group, topic, partition}} (records behind the partition's end, also while the
 * consumer is down) and {@code wenku.kafka.dead.letters{topic}} (records kept in each dead-letter topic). Kafka's
 * client metrics only give each consumer's maximum lag, and none at all for a consumer that is not running.
 */
@Component
class BacklogGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BacklogGauges.class);

    private final KafkaBacklog kafka;
    private final OperationsProperties properties;
    private final MultiGauge lag;
    private final MultiGauge deadLetters;
    private ScheduledExecutorService refresher;

    BacklogGauges(KafkaBacklog kafka, OperationsProperties properties, MeterRegistry registry) {
        this.kafka = kafka;
        this.properties = properties;
        this.lag = MultiGauge.builder("wenku.kafka.consumer.lag").baseUnit("records")
            .description("Records of a partition a consumer group has not yet committed").register(registry);
        this.deadLetters = MultiGauge.builder("wenku.kafka.dead.letters").baseUnit("records")
            .description("Records kept in a dead-letter topic").register(registry);
    }

    void refresh() {
        try {
            KafkaBacklog.Backlog backlog = kafka.read();
            if (backlog.lag() != null) {
                lag.register(backlog.lag().stream().map(l -> MultiGauge.Row.of(Tags.of("group", l.group(),
                    "topic", l.topic(), "partition", Integer.toString(l.partition())), l.lag())).toList(), true);
            }
            if (backlog.deadLetters() != null) {
                deadLetters.register(backlog.deadLetters().stream()
                    .map(d -> MultiGauge.Row.of(Tags.of("topic", d.topic()), d.count())).toList(), true);
            }
        } catch (Exception e) {
            log.debug("Could not read the backlog from Kafka: {}", e.toString());
            lag.register(List.of(), true);
        }
    }

    @Override
    public synchronized void start() {
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "backlog-gauges");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.backlogRefresh().toMillis();
        refresher.scheduleWithFixedDelay(this::refresh, 0, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return refresher != null;
    }
}
