package dev.wenku.analysis.corpus;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.analysis.engine.CorpusStatistics;
import dev.wenku.analysis.engine.InMemoryCorpusStatistics;
import dev.wenku.events.EventJson;
import dev.wenku.kafkatable.KafkaTable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The corpus as analysis sees it, kept up to date as documents arrive, change and are deleted, and stored in a
 * compacted Kafka topic so a restart loses nothing and every analysis instance uses the same statistics.
 */
@Component
public class CorpusStore implements SmartLifecycle {

    private final KafkaTable<DocumentTerms> table;
    private final Map<String, DocumentTerms> documents = new ConcurrentHashMap<>();
    private final InMemoryCorpusStatistics statistics = new InMemoryCorpusStatistics();

    public CorpusStore(AnalysisProperties properties, KafkaProperties kafka) {
        this.table = new KafkaTable<>(properties.corpusTopic(), DocumentTerms.class, EventJson.MAPPER,
            kafka.buildAdminProperties(), properties.storeTimeout(), (current, incoming) ->
                incoming.version() >= current.version() ? incoming : current);
        table.onChange(this::track);
    }

    private synchronized void track(String documentId, DocumentTerms now) {
        DocumentTerms before = now == null ? documents.remove(documentId) : documents.put(documentId, now);
        if (before != null) {
            statistics.remove(before.terms());
        }
        if (now != null) {
            statistics.add(now.terms());
        }
    }

    /** Document frequencies over every analysed document. */
    public CorpusStatistics statistics() {
        table.awaitLoaded();
        return statistics;
    }

    /** Adds (or replaces) a document's terms; completes once Kafka stored them (and the statistics hold them). */
    public CompletableFuture<Void> record(DocumentTerms document) {
        return table.putAsync(document.documentId(), document);
    }

    /** Removes a deleted document's terms; completes once Kafka stored the removal. */
    public CompletableFuture<Void> forget(String documentId) {
        return table.removeAsync(documentId);
    }

    /** How many documents have each theme. */
    public Map<String, Long> themeCounts() {
        return table.values().stream().flatMap(d -> d.themes().stream())
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    public List<String> paragraphs() {
        return table.values().stream().map(DocumentTerms::paragraphs).flatMap(Collection::stream).toList();
    }

    public int size() {
        return table.values().size();
    }

    @Override
    public void start() {
        table.start();
    }

    @Override
    public void stop() {
        table.close();
    }

    @Override
    public boolean isRunning() {
        return table.isLoaded();
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
