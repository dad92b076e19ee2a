package dev.wenku.ingest.backpressure;

import dev.wenku.events.Topics;
import dev.wenku.ingest.IngestProperties;
import dev.wenku.support.kafka.ConsumerLag;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps bulk work from queueing far ahead of the pipeline, so an editor's single upload never waits behind a whole
 * import. Documents travel in order per document through one topic per stage; an upload lands behind whatever is
 * queued in its partition. A bulk source (an import, the drop folder) therefore stores its next batch only while
 * fewer documents are on their way than the pipeline consumes in {@code wenku.ingest.bulk-backlog.queue-time}
 * ({@link BacklogLimit}): events not yet published (the outbox), and records analysis-service and search-service
 * have not consumed yet (the lag of the consumer groups that have members now, read from Kafka). Why not a second,
 * bulk-only topic: a document edited or deleted by an editor while an import of it is queued would then be analysed
 * and indexed out of order (docs/adr/0009-bulk-backlog.md).
 */
@Component
public class PipelineBacklog implements DisposableBean {

    /** A long-task timer of bulk work waiting for the pipeline now: how many wait, and since when. */
    public static final String WAITING = "wenku.bulk.backlog.waiting";
    /** A gauge of the documents on their way, at bulk work's last look. */
    public static final String PENDING = "wenku.bulk.backlog.pending";
    /** A gauge of the documents bulk work may leave on their way. */
    public static final String LIMIT = "wenku.bulk.backlog.limit";
    /** A counter of the times bulk work found the backlog full and waited for the pipeline. */
    public static final String WAITS = "wenku.bulk.backlog.waits";

    private static final Logger log = LoggerFactory.getLogger(PipelineBacklog.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** How often a waiting bulk source looks again: short next to an import's batch, long next to a Kafka read. */
    private static final Duration POLL = Duration.ofMillis(100);
    private static final List<String> STAGES = List.of(Topics.DOCUMENTS_INGESTED, Topics.DOCUMENTS_ANALYZED);

    private final JdbcTemplate jdbc;
    private final KafkaProperties kafka;
    private final BacklogLimit limit;
    private final LongTaskTimer waiting;
    private final Counter waits;
    private Admin admin;
    /** The last reading; volatile for the gauges, which read it without the lock. */
    private volatile Reading reading;

    /** Documents on their way, and how many may be. */
    record Reading(long nanos, long pending, long limit) {
    }

    PipelineBacklog(JdbcTemplate jdbc, KafkaProperties kafka, IngestProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        IngestProperties.BulkBacklog settings = properties.bulkBacklog();
        this.limit = new BacklogLimit(settings.queueTime(), settings.min(), settings.max());
        this.waiting = LongTaskTimer.builder(WAITING)
            .description("Bulk work (imports, the drop folder) waiting for the pipeline now").register(meters);
        this.waits = Counter.builder(WAITS)
            .description("Times bulk work (imports, the drop folder) found the backlog full and waited for the pipeline")
            .register(meters);
        Gauge.builder(PENDING, this, b -> b.reading == null ? 0 : b.reading.pending())
            .description("Documents on their way through the pipeline, at the last look of bulk work").register(meters);
        Gauge.builder(LIMIT, this, b -> b.reading == null ? 0 : b.reading.limit())
            .description("Documents bulk work may leave on their way through the pipeline").register(meters);
    }

    /**
     * Returns once fewer than the limit of documents are on their way through the pipeline (at once when they are),
     * with how many of the {@code wanted} documents the caller may now send on their way: no more than the room left,
     * so the backlog an editor's upload queues behind stays within the limit instead of overshooting it by a whole
     * batch. What is granted counts as on its way until the next reading shows it. While Kafka cannot be read, the
     * outbox alone is counted: its events wait there until Kafka is back anyway.
     *
     * @param wanted documents the caller would store next (at least 1)
     * @return documents it may store now, between 1 and {@code wanted}
     */
    public long awaitRoom(long wanted) throws InterruptedException {
        long start = System.nanoTime();
        Reading now = read();
        if (now.pending() >= now.limit()) {
            waits.increment();
            LongTaskTimer.Sample sample = waiting.start();
            try {
                boolean logged = false;
                for (; now.pending() >= now.limit(); now = read()) {
                    if (!logged && System.nanoTime() - start > Duration.ofSeconds(10).toNanos()) {
                        log.info("Bulk work waits: {} documents are on their way through the pipeline (limit {})",
                            now.pending(), now.limit());
                        logged = true;
                    }
                    Thread.sleep(POLL);
                }
            } finally {
                sample.stop();
            }
        }
        return grant(wanted);
    }

    /** Takes up to {@code wanted} of the room the last reading left, and counts it as on its way. */
    private synchronized long grant(long wanted) {
        long granted = Math.clamp(reading.limit() - reading.pending(), 1, Math.max(1, wanted));
        reading = new Reading(reading.nanos(), reading.pending() + granted, reading.limit());
        return granted;
    }

    /**
     * Gives back room granted by {@link #awaitRoom} that was not used: documents the caller read but did not send on
     * their way (unchanged or rejected, or a batch that was not stored). Without it, the room they took stayed taken
     * until the next reading, and an import of lines already stored (which sends nothing on its way) waited for a
     * reading, and its Kafka round trips, after every batch (docs/adr/0009-bulk-backlog.md).
     *
     * @param documents granted documents not sent (nothing is given back for zero or less)
     */
    public synchronized void unused(long documents) {
        if (documents > 0 && reading != null) {
            reading = new Reading(reading.nanos(), Math.max(0, reading.pending() - documents), reading.limit());
        }
    }

    /**
     * Documents on their way (unpublished events, records the pipeline's consumers have not consumed yet) and how many
     * may be. A reading is shared for {@link #POLL} by every caller (the drop folder's workers ask before each file).
     */
    synchronized Reading read() {
        long now = System.nanoTime();
        if (reading == null || now - reading.nanos() > POLL.toNanos()) {
            Long unpublished = jdbc.queryForObject("select count(*) from outbox", Long.class);
            List<ConsumerLag.Lag> lags = lags();
            reading = new Reading(System.nanoTime(),
                (unpublished == null ? 0 : unpublished) + ConsumerLag.pending(lags, STAGES),
                limit.limit(now, consumedByLastStage(lags)));
        }
        return reading;
    }

    /**
     * What the pipeline's last stage with a consumer has consumed in total: the committed offsets of its slowest
     * group; -1 when no stage has one.
     */
    static long consumedByLastStage(List<ConsumerLag.Lag> lags) {
        for (String topic : STAGES.reversed()) {
            long consumed = lags.stream().filter(l -> l.topic().equals(topic))
                .collect(Collectors.groupingBy(ConsumerLag.Lag::group,
                    Collectors.summingLong(ConsumerLag.Lag::committed)))
                .values().stream().mapToLong(Long::longValue).min().orElse(-1);
            if (consumed >= 0) {
                return consumed;
            }
        }
        return -1;
    }

    /** The lag of the groups with members now; none while Kafka cannot be read. */
    private List<ConsumerLag.Lag> lags() {
        try {
            if (admin == null) {
                admin = Admin.create(kafka.buildAdminProperties());
            }
            return ConsumerLag.read(admin, ConsumerLag.activeGroups(admin, TIMEOUT), TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception e) {
            // A client that cannot reach Kafka keeps retrying its metadata and logging: start afresh next time.
            if (admin != null) {
                admin.close(Duration.ZERO);
                admin = null;
            }
            return List.of();
        }
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
