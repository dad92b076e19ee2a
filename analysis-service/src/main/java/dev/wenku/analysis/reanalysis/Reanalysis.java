package dev.wenku.analysis.reanalysis;

import dev.wenku.analysis.corpus.CorpusStore;
import dev.wenku.events.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Re-analyses the whole corpus after a change of dictionary, stoplist or taxonomy, shared by every analysis-service
 * instance. Starting a run records, in PostgreSQL ({@link ReanalysisRuns}), each partition of the compacted ingested
 * topic as an offset range from its beginning to its end at that moment; every instance's {@link ReanalysisWorker}
 * claims partitions and works through them. One run at a time across the instances; its progress is read from the
 * database, so any instance shows it, and it survives a restart of each of them.
 */
@Component
public class Reanalysis {

    private static final Logger log = LoggerFactory.getLogger(Reanalysis.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    public enum State { IDLE, RUNNING, DONE }

    /**
     * Progress of the running or the last run: documents of the corpus at its start ({@code total}), re-analysed
     * ({@code done}) and failed; the topic's partitions, those worked through, and the instances holding the others.
     */
    public record Progress(State state, long total, long done, long failed, int partitions, int partitionsDone,
                           List<String> workers, Instant startedAt, Instant finishedAt) {

        static final Progress IDLE = new Progress(State.IDLE, 0, 0, 0, 0, 0, List.of(), null, null);
    }

    private final KafkaProperties kafka;
    private final CorpusStore corpus;
    private final ReanalysisRuns runs;
    private final Clock clock;

    public Reanalysis(KafkaProperties kafka, CorpusStore corpus, ReanalysisRuns runs, Clock clock) {
        this.kafka = kafka;
        this.corpus = corpus;
        this.runs = runs;
        this.clock = clock;
    }

    public Progress progress() {
        return runs.latest().map(run -> new Progress(State.valueOf(run.state()), run.total(), run.done(), run.failed(),
            run.partitions(), run.partitionsDone(), run.workers(), run.startedAt(), run.finishedAt()))
            .orElse(Progress.IDLE);
    }

    /** Starts a run over the topic as it is now; false if one is already running. */
    public boolean start() {
        Map<Integer, Long> from = new HashMap<>();
        Map<Integer, Long> to = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(kafka)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DOCUMENTS_INGESTED, KAFKA_TIMEOUT).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.beginningOffsets(partitions, KAFKA_TIMEOUT).forEach((p, offset) -> from.put(p.partition(), offset));
            consumer.endOffsets(partitions, KAFKA_TIMEOUT).forEach((p, offset) -> to.put(p.partition(), offset));
        }
        long total = corpus.size();
        boolean started = runs.start(total, from, to, clock.instant());
        if (started) {
            log.info("Re-analysis started: {} documents in {} partitions", total, from.size());
        }
        return started;
    }

    /** A consumer without a group: it reads given partitions from given offsets and commits nothing. */
    static KafkaConsumer<String, byte[]> consumer(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove("group.id");
        config.put("enable.auto.commit", false);
        config.put("max.poll.records", ReanalysisWorker.BATCH);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
