package dev.wenku.search.semantic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.OpType;
import co.elastic.clients.elasticsearch.core.GetResponse;
import dev.wenku.search.SearchProperties;
import dev.wenku.search.index.RebuildLease;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partitions the passages so that a search by meaning compares a few partitions' passages, not the whole corpus's
 * (ADR 15): a run trains {@code wenku.search.semantic.partitions} centroids (by default the square root of the
 * passages' count) by k-means (Lucene's) on a random sample of the passage vectors, then sweeps the index, tagging
 * each passage with its nearest ({@link Partitions#tag}); the embedding stage tags what it writes from the moment the
 * centroids exist. Searches probe the query's nearest {@code partition-probes} partitions only once the sweep is done
 * ({@link #forSearch}): until then, and on a platform that never ran one, every passage is compared, as before.
 *
 * <p>A run is a document in the index of shared state ({@link RebuildLease#indexOf}), naming another there that
 * holds its centroids, so every instance tags and searches with the same partitions, reads the same progress, and
 * goes on after a restart. Every instance trains a run it finds training; the first to finish publishes its
 * centroids (optimistic concurrency on the run's document), the others' are dropped. Each instance reads the run
 * every two seconds, so an instance may tag with partitions a few seconds old: the sweep, which
 * goes on at intervals once done, tags what such an instance wrote. Training again (the corpus has grown or
 * changed) is another run: searches compare every passage until its sweep is done.
 *
 * <p>An operator starts a run ({@code POST /api/search/embeddings/partitioning}), or search-service does, once the
 * index holds {@code wenku.search.semantic.partition-at} passages and none was partitioned yet, and again once they
 * number twice those the last training was drawn from: the operator of a corpus that grows into hundreds of
 * thousands of passages should not have to know that searches by meaning slow down with it. Every instance looks
 * every 30 seconds; the first to start the run wins, as of an operator's two requests.
 */
public class Partitioning extends SharedRun<Partitioning.Run> {

    static final String RUN = "partitioning";
    private static final Logger log = LoggerFactory.getLogger(Partitioning.class);
    /** How often a done run's sweep looks for passages an instance wrote with partitions it had not read yet. */
    private static final Duration STRAGGLERS = Duration.ofSeconds(30);
    /** How many times the passages a run was trained on the index must hold for a run to start by itself again. */
    static final int GROWTH = 2;
    private static final int SWEEP_BATCH = 500;
    private static final int KMEANS_ITERATIONS = 10;

    public enum State { IDLE, TRAINING, TAGGING, DONE }

    /**
     * The run as stored: epoch milliseconds; {@code centroidsId} the id of the document holding the centroids, from the
     * training on (a document of their own, 1.4 MB for 256 partitions, 5.6 MB for 1,024, so that reading the run
     * every two seconds stays cheap); {@code trainedOn} the passages the index held when the training drew its sample
     * (null in runs stored before it was recorded).
     */
    record Run(String state, int generation, int partitions, long startedAt, Long trainedAt, Long finishedAt,
               String centroidsId, Long trainedOn) {

        State parsedState() {
            return State.valueOf(state);
        }
    }

    /**
     * A run's progress: its training's generation and partitions (those asked for until trained, then those trained),
     * the passages the index holds and how many of them the sweep (or the stage) has tagged, and the passages the
     * index held when the training drew its sample (null before, or for a run stored before it was recorded).
     */
    public record Progress(State state, int generation, int partitions, long passages, long tagged, Long trainedOn,
                           Instant startedAt, Instant trainedAt, Instant finishedAt) {
    }

    private final PassageIndex passages;
    private final SearchProperties.Semantic settings;
    private final Clock clock;
    /** A training's centroids as stored, {@code vectors} in a field not indexed. */
    record Centroids(int generation, float[][] vectors) {
    }

    /** The run's state and partitions as this instance last read them: what tagging and searches use. */
    private volatile Loaded loaded = new Loaded(State.IDLE, null);
    private Instant lastSweep = Instant.EPOCH;
    private Instant lastLook = Instant.EPOCH;

    private record Loaded(State state, Partitions partitions) {
    }

    Partitioning(ElasticsearchClient client, PassageIndex passages, SearchProperties properties, Clock clock) {
        super("partitioning", client, RebuildLease.indexOf(passages.alias()), RUN, Run.class,
            properties.startupTimeout());
        this.passages = passages;
        this.settings = properties.semantic();
        this.clock = clock;
    }

    /** The partitions to tag a passage with: those of a trained run, its sweep done or not. */
    public Optional<Partitions> forTagging() {
        return Optional.ofNullable(loaded.partitions());
    }

    /** The partitions a search probes: those of a run whose sweep is done; empty while every passage is compared. */
    public Optional<Partitions> forSearch() {
        Loaded now = loaded;
        return now.state() == State.DONE ? Optional.ofNullable(now.partitions()) : Optional.empty();
    }

    /**
     * The tags of the partitions a search for {@code vector} probes; empty: every passage (also where it would probe
     * every partition: a filter letting every passage through costs the search more than none).
     */
    public List<String> probes(float[] vector) {
        return forSearch().filter(p -> p.count() > settings.partitionProbes())
            .map(p -> p.probes(vector, settings.partitionProbes())).orElse(List.of());
    }

    /** The centroids' vectors are kept, not indexed: nothing searches them, and a training has up to 524,288. */
    @Override
    protected void prepare() throws IOException {
        client.indices().putMapping(m -> m.index(runs).properties("vectors", p -> p.object(o -> o.enabled(false))));
    }

    /** Starts a run (training anew); false while one is training or tagging. */
    public boolean startRun() throws IOException {
        Optional<GetResponse<Run>> last = run();
        long count = passages.passages();
        int partitions = settings.partitionsFor(count);
        try {
            if (last.isEmpty()) {
                client.index(i -> i.index(runs).id(RUN).document(started(1, null, partitions)).opType(OpType.Create));
            } else if (last.get().source().parsedState() != State.DONE) {
                return false;
            } else {
                GetResponse<Run> done = last.get();
                client.index(i -> i.index(runs).id(RUN).document(started(done.source().generation() + 1,
                        done.source().centroidsId(), partitions))
                    .ifSeqNo(done.seqNo()).ifPrimaryTerm(done.primaryTerm()));
            }
        } catch (ElasticsearchException e) {
            if (e.status() == 409) {
                return false; // Another instance started one at the same moment.
            }
            throw e;
        }
        log.info("Partitioning started: {} partitions of {} passages", partitions, count);
        return true;
    }

    /**
     * A new run of {@code partitions} partitions, naming the previous training's centroids (deleted once the new ones
     * are published).
     */
    private Run started(int generation, String previousCentroids, int partitions) {
        return new Run(State.TRAINING.name(), generation, partitions, clock.millis(), null, null, previousCentroids,
            null);
    }

    public Progress progress() throws IOException {
        Optional<Run> run = run().map(GetResponse::source);
        long all = passages.passages();
        long tagged = run.isEmpty() ? 0 : passages.inPartitions(run.get().generation());
        return new Progress(run.map(Run::parsedState).orElse(State.IDLE), run.map(Run::generation).orElse(0),
            run.map(Run::partitions).orElse(0), all, tagged, run.map(Run::trainedOn).orElse(null),
            run.map(r -> Instant.ofEpochMilli(r.startedAt())).orElse(null),
            run.map(Run::trainedAt).map(Instant::ofEpochMilli).orElse(null),
            run.map(Run::finishedAt).map(Instant::ofEpochMilli).orElse(null));
    }

    /**
     * Reads the run and does its next piece of work; false when there was none (tagging waits for the centroids to be
     * read: a sweep without them would find nothing to tag and end the run).
     */
    @Override
    protected boolean step() throws IOException {
        Optional<GetResponse<Run>> read = run();
        if (read.isEmpty()) {
            loaded = new Loaded(State.IDLE, null);
            return startsByItself(null);
        }
        GetResponse<Run> run = read.get();
        load(run.source());
        return switch (run.source().parsedState()) {
            case TRAINING -> train(run);
            case TAGGING -> loaded.partitions() != null && (sweep() || finish(run));
            case DONE -> stragglers() || startsByItself(run.source());
            case IDLE -> false;
        };
    }

    /**
     * Keeps the run's state, and its centroids when trained and not yet read (a new training's, or at start); while a
     * run trains, {@code centroidsId} names the previous training's, which nothing uses any more.
     */
    private void load(Run run) throws IOException {
        State state = run.parsedState();
        Partitions partitions = loaded.partitions();
        if (state == State.TRAINING) {
            partitions = null;
        } else if ((partitions == null || partitions.generation() != run.generation()) && run.centroidsId() != null) {
            GetResponse<Centroids> stored = client.get(g -> g.index(runs).id(run.centroidsId()), Centroids.class);
            partitions = Optional.ofNullable(stored.found() ? stored.source() : null)
                .filter(c -> c.vectors() != null && c.vectors().length > 0)
                .map(c -> new Partitions(c.generation(), c.vectors())).orElse(null);
        }
        loaded = new Loaded(state, partitions);
    }

    /**
     * Trains centroids on a random sample of the passages and publishes them (a document of their own, named in the
     * run), unless another instance has meanwhile, whose centroids then stand (this one's are deleted); with no
     * passage at all, the run is done without partitions (searches compare every passage).
     */
    private boolean train(GetResponse<Run> training) throws IOException {
        Run run = training.source();
        long started = System.nanoTime();
        long trainedOn = passages.passages();
        VectorSample sample = passages.sample(run.partitions() * SearchProperties.Semantic.SAMPLE_PER_PARTITION,
            run.generation(), trainedOn);
        Partitions partitions = Partitions.train(sample, run.partitions(), run.generation(), KMEANS_ITERATIONS);
        int count = partitions.count();
        String centroids = RUN + "-centroids-" + UUID.randomUUID();
        client.index(i -> i.index(runs).id(centroids).document(new Centroids(run.generation(),
            partitions.centroids())));
        long now = clock.millis();
        Run trained = new Run((count == 0 ? State.DONE : State.TAGGING).name(), run.generation(),
            count == 0 ? run.partitions() : count, run.startedAt(), now, count == 0 ? now : null, centroids, trainedOn);
        try {
            client.index(i -> i.index(runs).id(RUN).document(trained).ifSeqNo(training.seqNo())
                .ifPrimaryTerm(training.primaryTerm()));
            log.info("Partitioning trained {} partitions on {} passages in {} ms", count, sample.size(),
                (System.nanoTime() - started) / 1_000_000);
            if (run.centroidsId() != null) {
                client.delete(d -> d.index(runs).id(run.centroidsId()));
            }
        } catch (ElasticsearchException e) {
            if (e.status() != 409) {
                throw e;
            }
            client.delete(d -> d.index(runs).id(centroids));
        }
        return true;
    }

    /** Tags a batch of passages without a partition of the loaded training; false when none was left. */
    private boolean sweep() throws IOException {
        Partitions partitions = loaded.partitions();
        lastSweep = clock.instant();
        return partitions != null && passages.tagBatch(partitions, SWEEP_BATCH) > 0;
    }

    /**
     * Starts a run without an operator, looking at most every {@link #STRAGGLERS}: when the index holds
     * {@code partition-at} passages or more, and either no run ever started ({@code done} null) or {@code done}'s
     * training was drawn from {@value #GROWTH} times fewer. True when this instance started it.
     */
    private boolean startsByItself(Run done) throws IOException {
        Instant now = clock.instant();
        if (settings.partitionAt() == 0 || now.isBefore(lastLook.plus(STRAGGLERS))) {
            return false;
        }
        lastLook = now;
        if (done != null && done.trainedOn() == null) {
            return false;
        }
        long count = passages.passages();
        if (count < settings.partitionAt() || (done != null && count < GROWTH * done.trainedOn())) {
            return false;
        }
        log.info("Partitioning {} passages without an operator: wenku.search.semantic.partition-at is {}{}", count,
            settings.partitionAt(), done == null ? "" : ", the last training was drawn from " + done.trainedOn());
        return startRun();
    }

    /** Sweeps a done run again once {@link #STRAGGLERS} has passed since the last sweep. */
    private boolean stragglers() throws IOException {
        return clock.instant().isAfter(lastSweep.plus(STRAGGLERS)) && sweep();
    }

    /**
     * Marks the run done, unless another instance has meanwhile (or a new run started), and has the index merged: the
     * sweep wrote every passage again, which left as many deleted copies in older segments as there are passages.
     */
    private boolean finish(GetResponse<Run> tagging) throws IOException {
        Run run = tagging.source();
        try {
            client.update(u -> u.index(runs).id(RUN).doc(Map.of("state", State.DONE.name(),
                "finishedAt", clock.millis())).ifSeqNo(tagging.seqNo()).ifPrimaryTerm(tagging.primaryTerm()),
                Run.class);
            log.info("Partitioning done: every passage is in one of {} partitions (generation {})", run.partitions(),
                run.generation());
            passages.mergeIntoOneSegment();
        } catch (ElasticsearchException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
        return true;
    }
}
