package dev.wenku.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.search.index.RebuildLease;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Partitioning runs beyond one operator's request on one instance, on a real Elasticsearch with poems of the real
 * corpus ({@link PoemPassages}): an instance stopped after training and a first part of its sweep leaves the run to
 * the next instance, which goes on with the same centroids rather than training anew; a run two instances work on ends
 * with one training's centroids, which both tag and search with; a corpus that reaches {@code partition-at} passages is
 * partitioned without an operator, and again once it has doubled.
 */
@ExtendWith(RealInfrastructureExtension.class)
class PartitioningRunsIT {

    private static final Duration RUN_DONE = Duration.ofSeconds(120);
    private static final int POEMS = 300;
    private static final int TAGGED_BEFORE_THE_STOP = 100;
    /** Passages from which the third test's instance partitions by itself: fewer than {@value #POEMS} poems hold. */
    private static final int AUTOMATIC_AT = 250;
    private static final String[] SETTINGS = {"--wenku.search.semantic.partitions=2",
        "--wenku.search.semantic.partition-probes=1"};

    @Test
    void aRunStoppedMidSweepGoesOnInTheNextInstanceWithTheSameCentroids() throws Exception {
        String alias = "partitions-restart-" + UUID.randomUUID();
        ConfigurableApplicationContext first = SemanticSearchApplication.start(alias, SETTINGS);
        ConfigurableApplicationContext next = null;
        try {
            Partitioning stopped = first.getBean(Partitioning.class);
            long all = stoppedWithPoems(first); // Its run goes only as far as this test takes it.
            PassageIndex passages = first.getBean(PassageIndex.class);
            assertThat(stopped.startRun()).isTrue();
            assertThat(stopped.step()).as("a training step").isTrue();
            Partitioning.Run trained = run(first);
            assertThat(trained.parsedState()).isEqualTo(Partitioning.State.TAGGING);
            passages.tagBatch(centroids(first, trained), TAGGED_BEFORE_THE_STOP);
            assertThat(passages.inPartitions(1)).as("the sweep begun").isEqualTo(TAGGED_BEFORE_THE_STOP);
            first.close();

            next = SemanticSearchApplication.start(alias, SETTINGS);
            Partitioning partitioning = next.getBean(Partitioning.class);
            Partitioning.Progress done = await().alias("the run done by the next instance").atMost(RUN_DONE)
                .until(partitioning::progress, progress -> progress.state() == Partitioning.State.DONE);
            assertThat(done.tagged()).isEqualTo(all);
            assertThat(done.generation()).isEqualTo(1);
            Partitioning.Run finished = run(next);
            assertThat(finished.centroidsId()).as("the same training's centroids").isEqualTo(trained.centroidsId());
            assertThat(finished.startedAt()).isEqualTo(trained.startedAt());
            assertThat(finished.trainedAt()).isEqualTo(trained.trainedAt());

            await().alias("the next instance searching by partition").atMost(Duration.ofSeconds(10))
                .until(() -> partitioning.forSearch().isPresent());
            float[] vector = next.getBean(PassageIndex.class).passage(PoemPassages.id(0), 1).orElseThrow().vector();
            assertThat(next.getBean(PassageIndex.class).nearestByDocument(vector, 5, null,
                partitioning.probes(vector)).getFirst().documentId()).isEqualTo(PoemPassages.id(0));
        } finally {
            if (next != null) {
                SemanticSearchApplication.stop(next);
            } else if (first.isActive()) {
                SemanticSearchApplication.stop(first);
            }
        }
    }

    @Test
    void aRunTwoInstancesWorkOnEndsWithOneTrainingThatBothSearchWith() throws Exception {
        String alias = "partitions-two-" + UUID.randomUUID();
        ConfigurableApplicationContext one = SemanticSearchApplication.start(alias, SETTINGS);
        ConfigurableApplicationContext other = null;
        try {
            long all = stoppedWithPoems(one); // Until the other instance is up: both find the run training.
            assertThat(one.getBean(Partitioning.class).startRun()).isTrue();
            other = SemanticSearchApplication.start(alias, SETTINGS);
            one.getBean(Partitioning.class).start();

            Partitioning.Progress done = await().alias("the run done").atMost(RUN_DONE)
                .until(other.getBean(Partitioning.class)::progress,
                    progress -> progress.state() == Partitioning.State.DONE);
            assertThat(done.tagged()).isEqualTo(all);
            assertThat(centroidDocuments(one)).as("one training's centroids kept, any other's deleted")
                .containsExactly(run(one).centroidsId());
            for (ConfigurableApplicationContext instance : List.of(one, other)) {
                await().alias("searching by partition").atMost(Duration.ofSeconds(10))
                    .until(() -> instance.getBean(Partitioning.class).forSearch().isPresent());
            }
            for (int poem = 0; poem < 5; poem++) {
                float[] vector = one.getBean(PassageIndex.class).passage(PoemPassages.id(poem), 1).orElseThrow()
                    .vector();
                assertThat(other.getBean(Partitioning.class).probes(vector))
                    .isEqualTo(one.getBean(Partitioning.class).probes(vector));
            }
        } finally {
            if (other != null) {
                other.close();
            }
            SemanticSearchApplication.stop(one);
        }
    }

    @Test
    void aCorpusReachingPartitionAtIsPartitionedByItselfAndAgainOnceDoubled() throws Exception {
        ConfigurableApplicationContext search = SemanticSearchApplication.start("partitions-auto-" + UUID.randomUUID(),
            "--wenku.search.semantic.partitions=2", "--wenku.search.semantic.partition-probes=1",
            "--wenku.search.semantic.partition-at=" + AUTOMATIC_AT);
        try {
            Partitioning partitioning = search.getBean(Partitioning.class);
            PassageIndex passages = search.getBean(PassageIndex.class);
            PoemPassages.write(search, POEMS);
            passages.refresh();
            long first = passages.passages();
            assertThat(first).isGreaterThanOrEqualTo(AUTOMATIC_AT);
            // No exception ignored: the index of shared state exists from start-up, so every read answers.
            Partitioning.Progress partitioned = await().alias("partitioned without an operator").atMost(RUN_DONE)
                .until(partitioning::progress, progress -> progress.state() == Partitioning.State.DONE);
            assertThat(partitioned.generation()).isEqualTo(1);
            assertThat(partitioned.trainedOn()).isEqualTo(first);
            assertThat(partitioned.tagged()).isEqualTo(first);

            PoemPassages.write(search, (Partitioning.GROWTH + 1) * POEMS);
            passages.refresh();
            long grown = passages.passages();
            assertThat(grown).isGreaterThanOrEqualTo(Partitioning.GROWTH * first);
            Partitioning.Progress again = await().alias("partitioned again, the corpus doubled").atMost(RUN_DONE)
                .until(partitioning::progress, progress -> progress.generation() == 2
                    && progress.state() == Partitioning.State.DONE);
            assertThat(again.trainedOn()).isEqualTo(grown);
            assertThat(again.tagged()).isEqualTo(grown);
        } finally {
            SemanticSearchApplication.stop(search);
        }
    }

    /**
     * Stops {@code search}'s partitioning worker (the test says what it does), writes {@value #POEMS} poems' passages
     * and returns how many passages the index then holds.
     */
    private static long stoppedWithPoems(ConfigurableApplicationContext search) throws Exception {
        search.getBean(Partitioning.class).stop();
        PoemPassages.write(search, POEMS);
        PassageIndex passages = search.getBean(PassageIndex.class);
        passages.refresh();
        return passages.passages();
    }

    private static Partitioning.Run run(ConfigurableApplicationContext search) throws Exception {
        return client(search).get(g -> g.index(runs(search)).id(Partitioning.RUN),
            Partitioning.Run.class).source();
    }

    private static Partitions centroids(ConfigurableApplicationContext search, Partitioning.Run run)
            throws Exception {
        Partitioning.Centroids stored = client(search).get(g -> g.index(runs(search))
            .id(run.centroidsId()), Partitioning.Centroids.class).source();
        return new Partitions(stored.generation(), stored.vectors());
    }

    /** The ids of the documents in the index of shared state that hold centroids. */
    private static List<String> centroidDocuments(ConfigurableApplicationContext search) throws Exception {
        return client(search).search(s -> s.index(runs(search)).size(100)
                .source(src -> src.fetch(false)), Map.class).hits().hits().stream()
            .map(hit -> hit.id()).filter(id -> id.startsWith(Partitioning.RUN + "-centroids-")).toList();
    }

    /** The index of shared state the passages' runs are kept in. */
    private static String runs(ConfigurableApplicationContext search) {
        return RebuildLease.indexOf(search.getBean(PassageIndex.class).alias());
    }

    private static ElasticsearchClient client(ConfigurableApplicationContext search) {
        return search.getBean(ElasticsearchClient.class);
    }
}
