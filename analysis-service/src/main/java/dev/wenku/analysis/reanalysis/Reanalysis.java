package dev.wenku.analysis.reanalysis;

import dev.wenku.analysis.corpus.CorpusStore;
import dev.wenku.analysis.pipeline.AnalysisPublisher;
import dev.wenku.analysis.pipeline.DocumentAnalyzer;
import dev.wenku.events.DocumentIngested;
import dev.wenku.events.EventDeserializer;
import dev.wenku.events.Topics;
import dev.wenku.kafkatable.TopicSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Re-analyses the whole corpus after a change of dictionary, stoplist or taxonomy: reads the latest version of
 * every document from the ingested topic (compacted), analyses it with the current model and publishes it again
 * under the same version. search-service overwrites the indexed document in place, so search stays up and shows
 * the new analysis document by document. One run at a time per instance.
 */
@Component
public class Reanalysis {

    private static final Logger log = LoggerFactory.getLogger(Reanalysis.class);
    private static final EventDeserializer<DocumentIngested> EVENTS = new EventDeserializer<>(DocumentIngested.class);

    public enum State { IDLE, RUNNING, DONE, FAILED }

    /** Progress of the current or last run. */
    public record Progress(State state, int total, int done, int failed, Instant startedAt, Instant finishedAt,
                           String error) {

        static final Progress IDLE = new Progress(State.IDLE, 0, 0, 0, null, null, null);
    }

    private final KafkaProperties kafka;
    private final DocumentAnalyzer analyzer;
    private final AnalysisPublisher publisher;
    private final CorpusStore corpus;
    private final Clock clock;
    private final AtomicReference<Progress> progress = new AtomicReference<>(Progress.IDLE);

    public Reanalysis(KafkaProperties kafka, DocumentAnalyzer analyzer, AnalysisPublisher publisher, CorpusStore corpus,
                      Clock clock) {
        this.kafka = kafka;
        this.analyzer = analyzer;
        this.publisher = publisher;
        this.corpus = corpus;
        this.clock = clock;
    }

    public Progress progress() {
        return progress.get();
    }

    /** Starts a run in the background; returns false if one is already running. */
    public synchronized boolean start() {
        if (progress.get().state() == State.RUNNING) {
            return false;
        }
        progress.set(new Progress(State.RUNNING, 0, 0, 0, clock.instant(), null, null));
        Thread run = new Thread(this::run, "reanalysis");
        run.setDaemon(true);
        run.start();
        return true;
    }

    private void run() {
        try {
            List<DocumentIngested> documents = latestVersions();
            update(p -> new Progress(State.RUNNING, documents.size(), 0, 0, p.startedAt(), null, null));
            log.info("Re-analysis: {} documents", documents.size());
            for (DocumentIngested document : documents) {
                reanalyse(document);
            }
            update(p -> new Progress(State.DONE, p.total(), p.done(), p.failed(), p.startedAt(), clock.instant(), null));
            log.info("Re-analysis done: {} of {} documents, {} failed", progress().done(), progress().total(),
                progress().failed());
        } catch (RuntimeException e) {
            log.error("Re-analysis failed", e);
            update(p -> new Progress(State.FAILED, p.total(), p.done(), p.failed(), p.startedAt(), clock.instant(),
                e.toString()));
        }
    }

    private void reanalyse(DocumentIngested document) {
        try {
            DocumentAnalyzer.Result result = analyzer.analyze(document);
            AnalysisPublisher.await(CompletableFuture.allOf(publisher.analyzed(result.event()),
                corpus.record(result.corpusEntry())), "the re-analysis of " + document.documentId());
            Progress now = update(p -> new Progress(State.RUNNING, p.total(), p.done() + 1, p.failed(), p.startedAt(),
                null, null));
            if (now.done() % 10 == 0 || now.done() == now.total()) {
                log.info("Re-analysis: {}/{} documents done", now.done(), now.total());
            }
        } catch (RuntimeException e) {
            log.warn("Re-analysis of {} failed: {}", document.documentId(), e.toString());
            update(p -> new Progress(State.RUNNING, p.total(), p.done(), p.failed() + 1, p.startedAt(), null, null));
        }
    }

    /** The last record of every document up to the current end of the topic; deleted documents are left out. */
    private List<DocumentIngested> latestVersions() {
        Map<String, DocumentIngested> latest = new LinkedHashMap<>();
        TopicSnapshot.read(Topics.DOCUMENTS_INGESTED, kafka.buildAdminProperties(),
            record -> latest.put(record.key(), read(record)));
        return latest.values().stream().filter(Objects::nonNull).toList();
    }

    private static DocumentIngested read(ConsumerRecord<String, byte[]> record) {
        try {
            return EVENTS.deserialize(record.topic(), record.value());
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private Progress update(java.util.function.UnaryOperator<Progress> change) {
        return progress.updateAndGet(change);
    }
}
