package dev.wenku.analysis.reanalysis;

import dev.wenku.analysis.corpus.CorpusStore;
import dev.wenku.analysis.pipeline.AnalysisPublisher;
import dev.wenku.analysis.pipeline.DocumentAnalyzer;
import dev.wenku.events.DocumentIngested;
import dev.wenku.events.EventDeserializer;
import dev.wenku.events.Topics;
import dev.wenku.support.identity.Instances;
import dev.wenku.support.lifecycle.BackgroundWorker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This instance's share of a re-analysis: while a run is going, it claims a partition of the ingested topic nobody
 * holds ({@link ReanalysisRuns#claim}), reads it from the offset reached so far up to the run's end, a batch of
 * {@value #BATCH} records at a time, and analyses again each record whose version is the one the corpus holds of its
 * document (so neither an older version nor a deleted document comes back). It publishes the analyses under the same
 * version, waits for Kafka's acknowledgement, then stores the batch's corpus entries and the partition's new offset in
 * one transaction: a batch is never counted without its corpus entries, and one interrupted before its transaction is
 * simply done again (analysis is idempotent per version; search-service overwrites the document in place).
 * <p>
 * Nothing of the corpus is held in memory but one batch. Instances share a run by partitions, so a run goes as fast
 * as the instances together; an instance that stops releases its partition, one that dies loses it after
 * {@code wenku.analysis.reanalysis.lease}.
 */
@Component
class ReanalysisWorker extends BackgroundWorker {

    /** Records read, looked up in the corpus and analysed together. */
    static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(ReanalysisWorker.class);
    private static final EventDeserializer<DocumentIngested> EVENTS = new EventDeserializer<>(DocumentIngested.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaProperties kafka;
    private final DocumentAnalyzer analyzer;
    private final AnalysisPublisher publisher;
    private final CorpusStore corpus;
    private final ReanalysisRuns runs;
    private final ReanalysisProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String name = Instances.newName();

    ReanalysisWorker(KafkaProperties kafka, DocumentAnalyzer analyzer, AnalysisPublisher publisher, CorpusStore corpus,
                     ReanalysisRuns runs, ReanalysisProperties properties, TransactionTemplate transactions,
                     Clock clock) {
        super("reanalysis");
        this.kafka = kafka;
        this.analyzer = analyzer;
        this.publisher = publisher;
        this.corpus = corpus;
        this.runs = runs;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What one batch came to: the corpus entries to store, and the documents re-analysed and failed. */
    private record Outcome(List<CorpusStore.Change> changes, int failed) {
    }

    @Override
    protected void work() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Optional<ReanalysisRuns.Claim> claim = runs.claim(name, properties.lease());
                if (claim.isPresent()) {
                    workThrough(claim.get());
                } else {
                    Thread.sleep(properties.pollInterval());
                }
            } catch (InterruptedException | InterruptException e) {
                return;
            } catch (RuntimeException e) {
                // The database or Kafka away: the claim expires or is released; try again after a pause.
                log.warn("Re-analysis worker: {}", e.toString());
                try {
                    Thread.sleep(properties.pollInterval());
                } catch (InterruptedException stopped) {
                    return;
                }
            }
        }
    }

    /** Works through the claimed partition up to the run's end, or until this instance stops or loses the claim. */
    private void workThrough(ReanalysisRuns.Claim claim) throws InterruptedException {
        TopicPartition partition = new TopicPartition(Topics.DOCUMENTS_INGESTED, claim.partition());
        log.info("Re-analysis: partition {} from offset {} to {}", claim.partition(), claim.next(), claim.end());
        boolean finished = false;
        try (KafkaConsumer<String, byte[]> consumer = Reanalysis.consumer(kafka)) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, claim.next());
            long position = claim.next();
            while (position < claim.end()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                List<DocumentIngested> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (record.offset() < claim.end()) {
                        Optional.ofNullable(read(record)).ifPresent(batch::add);
                    }
                }
                // Past the records read, and past offsets compaction removed.
                long next = Math.min(claim.end(), consumer.position(partition));
                if (next == position) {
                    continue;
                }
                Outcome outcome = reanalyse(batch);
                long reached = next;
                boolean held = Boolean.TRUE.equals(transactions.execute(status -> {
                    corpus.apply(outcome.changes());
                    if (!runs.advance(claim, name, reached, outcome.changes().size(), outcome.failed())) {
                        status.setRollbackOnly();
                        return false;
                    }
                    return true;
                }));
                if (!held) {
                    log.warn("Re-analysis: partition {} was taken over by another instance", claim.partition());
                    return;
                }
                position = next;
            }
            finished = true;
            runs.finishIfComplete(claim.runId(), clock.instant());
        } finally {
            if (!finished) {
                runs.release(claim, name);
            }
        }
    }

    /** Analyses again the documents of {@code batch} at the version the corpus holds, and publishes them. */
    private Outcome reanalyse(List<DocumentIngested> batch) {
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
        AnalysisPublisher.await(CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)),
            "the re-analysis of " + changes.size() + " documents");
        return new Outcome(changes, failed);
    }

    private static DocumentIngested read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return EVENTS.deserialize(record.topic(), record.value());
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
