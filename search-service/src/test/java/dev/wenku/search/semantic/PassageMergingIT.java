package dev.wenku.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.search.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.kafka.event.ListenerContainerIdleEvent;

/**
 * The passages index after a backlog, on a real Elasticsearch node: written in many small bulk requests with a
 * refresh after each (as the stage's batches are, a second apart), it has many segments; once the stage is idle
 * having embedded a quarter of it, the index is merged into one, and searches find the same passages as before.
 */
@ExtendWith(RealInfrastructureExtension.class)
class PassageMergingIT {

    private static final int DOCUMENTS = (int) PassageMerging.FEWEST_DOCUMENTS;
    private static final int BATCHES = 20;

    @Test
    void anIdleStageThatDrainedAQuarterOfTheIndexHasItMergedIntoOneSegment() throws Exception {
        String documentsAlias = "merging-" + UUID.randomUUID();
        try (Rest5Client rest = Rest5Client.builder(URI.create(SharedInfrastructure.get().elasticsearchUrl())).build()) {
            ElasticsearchClient client = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
            PassageIndex index = new PassageIndex(client, Settings.search("index-alias", documentsAlias), Clock.systemUTC());
            index.afterPropertiesSet();
            try {
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                PassageMerging merging = new PassageMerging(index, 0.25, registry);
                SplittableRandom random = new SplittableRandom(21);
                float[] query = null;
                for (int batch = 0; batch < BATCHES; batch++) {
                    PassageIndex.Changes changes = new PassageIndex.Changes();
                    for (int i = 0; i < DOCUMENTS / BATCHES; i++) {
                        List<PassageDocument> entries = entries("doc-" + batch + "-" + i, random);
                        query = query == null ? entries.get(1).vector() : query;
                        changes.replace(1, entries, 0);
                    }
                    index.apply(changes);
                    merging.embedded(changes.documents());
                    client.indices().refresh(r -> r.index(index.alias()));
                }
                assertThat(segments(client, index.alias())).as("a segment per refreshed batch, before merges").isGreaterThan(2);
                assertThat(nearestIds(index, query)).as("the passage whose vector is the query").hasSize(10)
                    .first().isEqualTo("doc-0-0#2");

                merging.onIdle(idle("search-service-other-0"));
                assertThat(registry.counter("wenku.embedding.merges").count()).as("another listener's idleness")
                    .isZero();
                merging.onIdle(idle(EmbeddingListener.LISTENER_ID + "-0"));

                assertThat(registry.counter("wenku.embedding.merges").count()).isEqualTo(1);
                await().alias("the passages index merged into one segment").atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        client.indices().refresh(r -> r.index(index.alias()));
                        return segments(client, index.alias()) == 1;
                    });
                assertThat(nearestIds(index, query)).as("the same nearest passage").hasSize(10).first()
                    .isEqualTo("doc-0-0#2");

                merging.onIdle(idle(EmbeddingListener.LISTENER_ID + "-0"));
                assertThat(registry.counter("wenku.embedding.merges").count()).as("nothing embedded since").isEqualTo(1);
            } finally {
                client.indices().delete(d -> d.index(index.versionedName()).ignoreUnavailable(true));
            }
        }
    }

    private static List<PassageDocument> entries(String documentId, SplittableRandom random) {
        List<PassageDocument> entries = new ArrayList<>();
        List<float[]> vectors = List.of(vector(random), vector(random));
        for (int number = 1; number <= vectors.size(); number++) {
            entries.add(PassageDocument.passage(documentId, new Passage(number, "第" + number + "段", 0, 3), "第" + number + "段",
                vectors.get(number - 1), null));
        }
        entries.add(PassageDocument.document(documentId, vectors.size(), PassageEmbedder.mean(vectors)));
        return entries;
    }

    private static float[] vector(SplittableRandom random) {
        float[] vector = new float[PassageEmbedder.DIMENSIONS];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return PassageEmbedder.mean(List.of(vector));
    }

    private static List<String> nearestIds(PassageIndex index, float[] query) throws IOException {
        return index.nearestByDocument(query, 10, null, List.of()).stream().map(n -> n.documentId() + "#" + n.number()).toList();
    }

    private static int segments(ElasticsearchClient client, String alias) throws IOException {
        return client.indices().segments(s -> s.index(alias)).indices().values().stream()
            .flatMap(i -> i.shards().values().stream()).flatMap(List::stream)
            .mapToInt(shard -> shard.segments().size()).sum();
    }

    private static ListenerContainerIdleEvent idle(String listenerId) {
        return new ListenerContainerIdleEvent(new Object(), new Object(), 1_000, listenerId, List.of(), null, false);
    }
}
