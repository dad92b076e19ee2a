package dev.wenku.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.search.Settings;
import dev.wenku.search.index.DocumentIndex;
import dev.wenku.search.index.IndexStartup;
import java.io.StringReader;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A mapping change of the passages index on a real Elasticsearch node: behind the alias is an index of mapping 1,
 * whose documents' entries hold their vector in the passages' field. Starting the passages index copies every entry
 * with its vector and version into an index of the current mapping, the document's vector moved to a field of its
 * own, moves the alias and deletes the old index; nothing is embedded again, and the passages are found as before.
 */
@ExtendWith(RealInfrastructureExtension.class)
class PassageMigrationIT {

    @Test
    void anIndexOfMappingOneIsCopiedWithItsVectorsAndVersionsAndTheAliasMoved() throws Exception {
        String documentsAlias = "migrating-" + UUID.randomUUID();
        String alias = documentsAlias + "-passages";
        String legacy = alias + "-v1";
        try (Rest5Client rest = Rest5Client.builder(URI.create(SharedInfrastructure.get().elasticsearchUrl())).build()) {
            ElasticsearchClient client = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
            client.indices().create(c -> c.index(legacy).aliases(alias, a -> a)
                .withJson(new StringReader(DocumentIndex.definition("legacy/passages-v1.json", 1, 0))));
            SplittableRandom random = new SplittableRandom(3);
            float[] first = vector(random);
            float[] second = vector(random);
            float[] mean = PassageEmbedder.mean(List.of(first, second));
            write(client, alias, "poem#1", 7, PassageDocument.passage("poem", new Passage(1, "床前", 0, 2), "牀前", first, null));
            write(client, alias, "poem#2", 7, PassageDocument.passage("poem", new Passage(2, "举头", 3, 5), "舉頭", second, null));
            write(client, alias, "poem#document", 7, new PassageDocument("poem", PassageDocument.DOCUMENT, null, null,
                null, null, 2, PassageEmbedder.MODEL, mean, null, null));
            client.indices().refresh(r -> r.index(alias));

            PassageIndex index = new PassageIndex(client, Settings.search("index-alias", documentsAlias),
                Clock.systemUTC());
            try {
                index.afterPropertiesSet();

                assertThat(IndexStartup.indicesBehind(client, alias)).containsExactly(index.versionedName());
                assertThat(client.indices().exists(e -> e.index(legacy)).value()).as("the old index deleted").isFalse();
                assertThat(index.stored(List.of("poem"))).as("versions and passage count kept")
                    .isEqualTo(Map.of("poem", new PassageIndex.Stored(7, 2, PassageEmbedder.MODEL)));
                GetResponse<PassageDocument> document = client.get(g -> g.index(alias).id("poem#document")
                    .sourceExcludeVectors(false), PassageDocument.class);
                assertThat(document.source().vector()).as("no document vector among the passages'").isNull();
                assertThat(document.source().documentVector()).containsExactly(mean);
                client.indices().refresh(r -> r.index(alias));
                List<PassageIndex.Nearest> nearest = index.nearestByDocument(second, 10, null, List.of());
                assertThat(nearest).as("the poem by its nearest passage").extracting(PassageIndex.Nearest::number)
                    .containsExactly(2);
                assertThat(nearest.getFirst().text()).isEqualTo("舉頭");

                index.afterPropertiesSet();
                assertThat(IndexStartup.indicesBehind(client, alias)).as("a second start changes nothing")
                    .containsExactly(index.versionedName());
            } finally {
                client.indices().delete(d -> d.index(index.versionedName(), legacy).ignoreUnavailable(true));
            }
        }
    }

    private static void write(ElasticsearchClient client, String alias, String id, long version, PassageDocument entry)
            throws Exception {
        client.index(i -> i.index(alias).id(id).version(version).versionType(VersionType.External).document(entry));
    }

    private static float[] vector(SplittableRandom random) {
        float[] vector = new float[PassageEmbedder.DIMENSIONS];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return PassageEmbedder.mean(List.of(vector));
    }
}
