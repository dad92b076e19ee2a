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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Re-analyses the whole corpus after a change of dictionary, stoplist or taxonomy: reads the ingested topic
 * (compacted) from its beginning, a batch of {@value #BATCH} records at a time, and analyses again each record whose
 * version is the one the corpus holds of its document (so neither an older version nor a deleted document comes
 * back), publishes it under the same version and stores its corpus entry. search-service overwrites the indexed
 * document in place, so search stays up and shows the new analysis document by document. Nothing of the corpus is
 * held in memory but one batch. One run at a time per instance.
 */
@Component
public class Reanalysis {

    private static final Logger log = LoggerFactory.getLogger(Reanalysis.class);
    /** Records read, looked up in the corpus and analysed together. */
    static final int BATCH = 100;

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
            long total = corpus.size();
            update(p -> new Progress(State.RUNNING, (int) total, 0, 0, p.startedAt(), null, null));
            log.info("Re-analysis: {} documents", total);
            List<DocumentIngested> batch = new ArrayList<>(BATCH);
            TopicSnapshot.read(Topics.DOCUMENTS_INGESTED, kafka.buildAdminProperties(), record -> {
                DocumentIngested document = read(record);
                if (document != null) {
                    batch.add(document);
                }
                if (batch.size() == BATCH) {
                    reanalyse(batch);
                    batch.clear();
                }
            });
            reanalyse(batch);
            update(p -> new Progress(State.DONE, p.total(), p.done(), p.failed(), p.startedAt(), clock.instant(), null));
            log.info("Re-analysis done: {} of {} documents, {} failed", progress().done(), progress().total(),
                progress().failed());
        } catch (RuntimeException e) {
            log.error("Re-analysis failed", e);
            update(p -> new Progress(State.FAILED, p.total(), p.done(), p.failed(), p.startedAt(), clock.instant(),
                e.toString()));
        }
    }

    /** Analyses again the documents of {@code batch} at the version the corpus holds. */
    private void reanalyse(List<DocumentIngested> batch) {
        Map<String, Long> versions = new HashMap<>();
        batch.forEach(document -> versions.merge(document.documentId(), document.version(), Math::max));
        Set<String> held = corpus.holding(versions);
        List<CorpusStore.Change> changes = new ArrayList<>();
        List<CompletableFuture<?>> published = new ArrayList<>();
        int failed = 0;
        for (DocumentIngested document : batch) {
            if (!held.contains(document.documentId()) || document.version() != versions.get(document.documentId())) {
                continue;
            }
            try {
                DocumentAnalyzer.Result result = analyzer.analyze(document);
                published.add(publisher.analyzed(result.event()));
                changes.add(CorpusStore.Change.recorded(result.corpusEntry()));
            } catch (RuntimeException e) {
                log.warn("Re-analysis of {} failed: {}", document.documentId(), e.toString());
                failed++;
            }
        }
        corpus.apply(changes);
        AnalysisPublisher.await(CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)),
            "the re-analysis of " + changes.size() + " documents");
        int failures = failed;
        Progress now = update(p -> new Progress(State.RUNNING, p.total(), p.done() + changes.size(),
            p.failed() + failures, p.startedAt(), null, null));
        if (!changes.isEmpty()) {
            log.info("Re-analysis: {}/{} documents done", now.done(), now.total());
        }
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
