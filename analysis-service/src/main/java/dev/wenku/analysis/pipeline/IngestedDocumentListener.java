package dev.wenku.analysis.pipeline;

import dev.wenku.analysis.corpus.CorpusStore;
import dev.wenku.events.DocumentIngested;
import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.events.Topics;
import dev.wenku.support.kafka.BatchLogging;
import dev.wenku.support.kafka.RecordTraces;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Consumes ingested documents a batch at a time: analyses each, publishes its analysis and its ANALYZED status without
 * waiting, stores the batch's corpus entries in one transaction ({@link CorpusStore#apply}) while Kafka acknowledges,
 * and waits once, for every acknowledgement of the batch, before returning, so the batch's offsets are committed only
 * after Kafka and the corpus hold everything it produced (at-least-once; a redelivered document
 * is analysed again, which is idempotent per version). Awaiting three acknowledgements per document, one after the
 * other, had bound the pipeline to Kafka round trips with the CPU half idle.
 *
 * <p>A document that fails, or an unreadable record, is reported by its index in the batch
 * ({@link BatchListenerFailedException}): the records before it are committed (their sends awaited first), and it is
 * retried, then goes to the dead-letter topic ({@link DeadLetters}). A tombstone (deleted document) is passed on to
 * search and removed from the corpus. Records of one document share a partition and are handled in order, and the
 * producer keeps that order. Each record is handled in its own span of the trace it carries ({@link RecordTraces}),
 * so its log line and the records it produces continue the trace its upload started.
 */
@Component
public class IngestedDocumentListener {

    private static final Logger log = LoggerFactory.getLogger(IngestedDocumentListener.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(IngestedDocumentListener.class);

    private final DocumentAnalyzer analyzer;
    private final AnalysisPublisher publisher;
    private final CorpusStore corpus;
    private final RecordTraces traces;

    public IngestedDocumentListener(DocumentAnalyzer analyzer, AnalysisPublisher publisher, CorpusStore corpus,
                                    RecordTraces traces) {
        this.analyzer = analyzer;
        this.publisher = publisher;
        this.corpus = corpus;
        this.traces = traces;
    }

    /** A record's sends, by its index in the batch. */
    private record Sent(int index, CompletableFuture<?> acknowledged) {
    }

    @KafkaListener(id = "analysis", topics = Topics.DOCUMENTS_INGESTED, batch = "true",
        groupId = "${spring.kafka.consumer.group-id:analysis-service}")
    public void onIngested(List<ConsumerRecord<String, DocumentIngested>> records) {
        List<Sent> sent = new ArrayList<>(records.size());
        List<CorpusStore.Change> changes = new ArrayList<>(records.size());
        boolean perDocument = BatchLogging.perDocument(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, DocumentIngested> record = records.get(i);
            try {
                sent.add(new Sent(i, traces.continued(record, "analyse " + record.topic(),
                    () -> handle(record, changes, perDocument))));
            } catch (RuntimeException e) {
                store(changes, records);
                awaitAll(sent, records);
                throw new BatchListenerFailedException("Analysis of " + record.key() + " failed", e, i);
            }
        }
        store(changes, records);
        awaitAll(sent, records);
        BatchLogging.batch(log, "Analysed", records);
    }

    private CompletableFuture<?> handle(ConsumerRecord<String, DocumentIngested> record,
                                        List<CorpusStore.Change> changes, boolean perDocument) {
        DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
            SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
        if (unreadable != null) {
            throw unreadable;
        }
        DocumentIngested document = record.value();
        if (document == null) {
            BatchLogging.document(log, perDocument, "Document {} deleted; passed on", record.key());
            changes.add(CorpusStore.Change.forgotten(record.key()));
            return publisher.deleted(record.key());
        }
        DocumentAnalyzer.Result result = analyzer.analyze(document);
        if (BatchLogging.logged(log, perDocument)) {
            BatchLogging.document(log, perDocument, "Analysed document {} v{}: {} keywords, themes {}",
                document.documentId(), document.version(), result.event().keywords().size(),
                result.event().themes().stream().map(t -> t.id()).toList());
        }
        changes.add(CorpusStore.Change.recorded(result.corpusEntry()));
        return CompletableFuture.allOf(publisher.analyzed(result.event()),
            publisher.status(document, Status.ANALYZED, null));
    }

    /**
     * Stores the corpus entries of the records handled so far. If the database fails, the batch is handled again from
     * its first record (a repeat changes nothing in the corpus), without limit while the database is unavailable
     * ({@link DeadLetters}).
     */
    private void store(List<CorpusStore.Change> changes, List<ConsumerRecord<String, DocumentIngested>> records) {
        try {
            corpus.apply(changes);
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException("The corpus entries of the batch from " + records.getFirst().key()
                + " could not be stored", e, 0);
        }
    }

    /**
     * Waits for every acknowledgement, in order; if one failed, the batch resumes at that record (every earlier one is
     * acknowledged; later ones still in flight are simply sent again, which consumers take as the repeat it is).
     */
    private static void awaitAll(List<Sent> sent, List<ConsumerRecord<String, DocumentIngested>> records) {
        for (Sent one : sent) {
            try {
                AnalysisPublisher.await(one.acknowledged(), "the analysis of " + records.get(one.index()).key());
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException("Kafka did not acknowledge what the analysis of "
                    + records.get(one.index()).key() + " produced", e, one.index());
            }
        }
    }
}
