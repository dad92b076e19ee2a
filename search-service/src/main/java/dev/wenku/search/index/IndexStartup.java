package dev.wenku.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every index of search-service does at start-up, in one place: wait (bounded) while Elasticsearch is
 * unavailable, so the services can start in any order, but fail at once when it refuses (a 4xx other than 429: a wrong
 * definition or a missing right does not mend by waiting); create an index from its definition unless it exists; give
 * a live index the configured replicas ({@code wenku.search.index-replicas} is what every index has after a start).
 */
public final class IndexStartup {

    private static final Logger log = LoggerFactory.getLogger(IndexStartup.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    /** A preparation that Elasticsearch may not be ready for yet. */
    @FunctionalInterface
    public interface Step {
        void run() throws IOException, InterruptedException;
    }

    private IndexStartup() {
    }

    /** Runs {@code step} until it succeeds, for at most {@code timeout} while Elasticsearch is unavailable. */
    public static void await(String index, Duration timeout, Step step) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                step.run();
                return;
            } catch (IOException | ElasticsearchException e) {
                if (e instanceof ElasticsearchException refused && refused.status() < 500 && refused.status() != 429) {
                    throw new IllegalStateException("Elasticsearch refused to prepare " + index + ": "
                        + e.getMessage(), e);
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Elasticsearch unavailable for " + timeout
                        + "; cannot prepare index " + index, e);
                }
                log.warn("Waiting for Elasticsearch to prepare {}: {}", index, e.getMessage());
                Thread.sleep(RETRY.toMillis());
            }
        }
    }

    /**
     * Creates {@code index} from {@code definition}, behind {@code alias} unless that is null, when it does not exist
     * (another instance may create it at the same moment: that is no error).
     *
     * @return whether this call created it
     */
    static boolean createUnlessExists(ElasticsearchClient client, String index, String alias, String definition)
            throws IOException {
        if (client.indices().exists(e -> e.index(index)).value()) {
            return false;
        }
        try {
            client.indices().create(c -> {
                c.index(index).withJson(new StringReader(definition));
                return alias == null ? c : c.aliases(alias, a -> a);
            });
            return true;
        } catch (ElasticsearchException e) {
            if ("resource_already_exists_exception".equals(e.error().type())) {
                return false;
            }
            throw e;
        }
    }

    /** The indices behind {@code alias}: none where it does not exist. */
    public static Set<String> indicesBehind(ElasticsearchClient client, String alias) throws IOException {
        if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
            return Set.of();
        }
        return client.indices().getAlias(a -> a.name(alias)).aliases().keySet();
    }

    /** Removes {@code alias} from the old indices and adds it to {@code index} in a single, atomic request. */
    static void swapAlias(ElasticsearchClient client, String alias, Set<String> oldIndices, String index)
            throws IOException {
        List<Action> actions = new ArrayList<>();
        for (String old : oldIndices) {
            actions.add(Action.of(a -> a.remove(r -> r.index(old).alias(alias))));
        }
        actions.add(Action.of(a -> a.add(add -> add.index(index).alias(alias))));
        client.indices().updateAliases(u -> u.actions(actions));
    }

    /** Gives the live {@code index} {@code replicas} (Elasticsearch changes them without a rebuild). */
    public static void applyReplicas(ElasticsearchClient client, String index, int replicas) throws IOException {
        client.indices().putSettings(p -> p.index(index)
            .settings(s -> s.numberOfReplicas(Integer.toString(replicas))));
    }
}
