package dev.wenku.search.semantic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.OpType;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import dev.wenku.search.SearchProperties;
import dev.wenku.search.index.RebuildLease;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-embeds the corpus after a model change: the documents whose entries an earlier model made
 * ({@link PassageIndex#outdated}) get new ones from their text in the documents index, under the same version
 * ({@link PassageIndex.Changes#replace}), so a newer version the stage writes meanwhile still wins. The embedding
 * stage does the same for any analysed document it reads; a run does it for the whole corpus at once.
 *
 * <p>A run is a document in the index of shared state ({@link RebuildLease#indexOf}), so every instance with the
 * stage works on it, its progress reads the same from any instance, and it goes on after a restart. Its progress is
 * counted in the passages index itself (entries of the current model against all), so it needs no bookkeeping of its
 * own: an instance that dies mid-batch leaves that batch outdated, and the next batch takes it again. Instances start
 * their batches at random places among the outdated documents, so they seldom embed the same one twice. A document
 * whose text is not in the documents index at the version its entries have (deleted meanwhile, or a newer version on
 * its way through the stage) is left to the stage; the run ends when nothing else is outdated.
 */
public class Reembedding extends SharedRun<Reembedding.Run> {

    static final String RUN = "reembedding";
    private static final Logger log = LoggerFactory.getLogger(Reembedding.class);
    /** How far into the outdated documents an instance may start its batch. */
    private static final int SPREAD = 1_000;

    public enum State { IDLE, RUNNING, DONE }

    /** The run as stored: epoch milliseconds, {@code finishedAt} null while it runs. */
    record Run(String state, String model, long startedAt, Long finishedAt) {
    }

    /**
     * A run's progress: the model embedding now, the documents the passages index holds, how many of them that model
     * embedded and how many an earlier one did ({@code outdated}; those left to the stage included), when the run
     * started and finished.
     */
    public record Progress(State state, String model, long documents, long current, long outdated, Instant startedAt,
                           Instant finishedAt) {
    }

    /** The text a document's entries are made from, as the documents index holds it. */
    private record Text(String body, String simplifiedTitle, String simplifiedBody) {
    }

    /** A document's text and the version the documents index holds it at. */
    private record Versioned(long version, Text text) {
    }

    private final PassageIndex passages;
    private final DocumentEmbedding embedding;
    private final SearchProperties properties;
    private final Clock clock;
    /** Documents left to the stage in this run (their text not in the documents index at their version). */
    private final Set<String> skipped = new HashSet<>();

    Reembedding(ElasticsearchClient client, PassageIndex passages, DocumentEmbedding embedding,
                SearchProperties properties, Clock clock) {
        super("reembedding", client, RebuildLease.indexOf(passages.alias()), RUN, Run.class,
            properties.startupTimeout());
        this.passages = passages;
        this.embedding = embedding;
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts a run; false while one is running. */
    public boolean startRun() throws IOException {
        Run run = new Run(State.RUNNING.name(), PassageEmbedder.MODEL, clock.millis(), null);
        GetResponse<Run> last = client.get(g -> g.index(runs).id(RUN), Run.class);
        try {
            if (!last.found()) {
                client.index(i -> i.index(runs).id(RUN).document(run).opType(OpType.Create));
            } else if (last.source() != null && State.RUNNING.name().equals(last.source().state())) {
                return false;
            } else {
                client.index(i -> i.index(runs).id(RUN).document(run).ifSeqNo(last.seqNo())
                    .ifPrimaryTerm(last.primaryTerm()));
            }
        } catch (ElasticsearchException e) {
            if (e.status() == 409) {
                return false; // Another instance started one at the same moment.
            }
            throw e;
        }
        log.info("Re-embedding started: {} documents embedded by an earlier model than {}",
            passages.outdatedDocuments(), PassageEmbedder.MODEL);
        return true;
    }

    public Progress progress() throws IOException {
        long documents = passages.documents();
        long outdated = passages.outdatedDocuments();
        Optional<Run> run = run().map(GetResponse::source);
        State state = run.map(r -> State.valueOf(r.state())).orElse(State.IDLE);
        return new Progress(state, PassageEmbedder.MODEL, documents, documents - outdated, outdated,
            run.map(r -> Instant.ofEpochMilli(r.startedAt())).orElse(null),
            run.map(Run::finishedAt).map(Instant::ofEpochMilli).orElse(null));
    }

    /** Re-embeds a batch of a running run's documents, or marks the run done when none is left. */
    @Override
    protected boolean step() throws IOException {
        Optional<GetResponse<Run>> run = run().filter(r -> State.RUNNING.name().equals(r.source().state()));
        if (run.isEmpty()) {
            skipped.clear();
            return false;
        }
        if (!reembedBatch(skipped)) {
            finish(run.get());
        }
        return true;
    }

    /**
     * Re-embeds a batch of outdated documents; false when none is left but those skipped. The index is refreshed
     * after the batch's write: the next batch's search must no longer see what this one wrote as outdated.
     */
    private boolean reembedBatch(Set<String> skipped) throws IOException {
        int size = properties.semantic().batchDocuments();
        List<PassageIndex.Outdated> batch = passages.outdated(size, ThreadLocalRandom.current().nextInt(SPREAD),
            skipped);
        if (batch.isEmpty()) {
            batch = passages.outdated(size, 0, skipped);
        }
        if (batch.isEmpty()) {
            return false;
        }
        Map<String, Versioned> texts = texts(batch.stream().map(PassageIndex.Outdated::documentId).toList());
        PassageIndex.Changes changes = new PassageIndex.Changes();
        for (PassageIndex.Outdated outdated : batch) {
            String id = outdated.documentId();
            Versioned text = texts.get(id);
            if (text == null || text.version() != outdated.stored().version()) {
                skipped.add(id);
                embedding.count("skipped");
                continue;
            }
            changes.replace(text.version(), embedding.entries(id, text.text().body(), text.text().simplifiedTitle(),
                text.text().simplifiedBody()), outdated.stored().passages());
            embedding.count("reembedded");
        }
        passages.apply(changes);
        passages.refresh();
        return true;
    }

    /** The texts of those of {@code ids} the documents index holds, with their versions, by id. */
    private Map<String, Versioned> texts(List<String> ids) throws IOException {
        Map<String, Versioned> texts = new HashMap<>();
        for (MultiGetResponseItem<Text> item : client.mget(m -> m.index(properties.indexAlias()).ids(ids)
                .realtime(true).sourceIncludes("body", "simplifiedTitle", "simplifiedBody"), Text.class).docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null
                    && item.result().version() != null) {
                texts.put(item.result().id(), new Versioned(item.result().version(), item.result().source()));
            }
        }
        return texts;
    }

    /** Marks the run done, unless another instance has meanwhile (or a new run started). */
    private void finish(GetResponse<Run> running) throws IOException {
        Run run = running.source();
        try {
            client.index(i -> i.index(runs).id(RUN).document(new Run(State.DONE.name(), run.model(), run.startedAt(),
                clock.millis())).ifSeqNo(running.seqNo()).ifPrimaryTerm(running.primaryTerm()));
            log.info("Re-embedding done: every document the documents index holds is embedded by {}", run.model());
        } catch (ElasticsearchException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }
}
