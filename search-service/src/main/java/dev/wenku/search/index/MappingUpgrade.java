package dev.wenku.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.wenku.support.identity.Instances;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the index of the current mapping, {@code <alias>-v<N>}, behind its alias at start-up; one mechanism for every
 * versioned index of search-service, which differ only in how a new index is filled ({@link Fill}):
 * <ul>
 *   <li>the alias already points at it: it gets the configured replicas;</li>
 *   <li>no alias yet: the index is created live (with its replicas) behind the alias; if it is there without the
 *       alias (its old index was deleted after a fill, before the alias moved), the alias is added to it;</li>
 *   <li>the alias points at an index of an earlier mapping: the new index is created without replicas, filled, given
 *       its replicas, the alias moved to it in one atomic request, and the old index deleted. Until then readers keep
 *       using the old one. Of several instances starting together, the one holding the {@link RebuildLease} does it;
 *       the others wait until the alias has moved, and take over if the holder dies.</li>
 * </ul>
 */
public final class MappingUpgrade {

    private static final Logger log = LoggerFactory.getLogger(MappingUpgrade.class);
    /** How often an instance waiting for another's fill looks whether it is done, or its lease expired. */
    private static final Duration LEASE_POLL = Duration.ofSeconds(1);

    /** How an index of a new mapping gets what the earlier one held. */
    @FunctionalInterface
    public interface Fill {

        /**
         * Fills {@code index} (just created, without alias or replicas) from the {@code old} indices, and returns
         * what to do once the alias has moved to it, before the old indices are deleted (e.g. take writes made to
         * them meanwhile).
         */
        IndexStartup.Step fill(String index, Set<String> old) throws IOException;
    }

    private final ElasticsearchClient client;
    private final String alias;
    private final String index;
    private final IntFunction<String> definition;
    private final int replicas;
    private final Clock clock;
    private final String instance = Instances.newName();

    /**
     * @param definition the index definition with the configured shards and the given number of replicas
     * @param replicas   the replicas the live index has ({@code wenku.search.index-replicas})
     */
    public MappingUpgrade(ElasticsearchClient client, String alias, String index, IntFunction<String> definition,
                          int replicas, Clock clock) {
        this.client = client;
        this.alias = alias;
        this.index = index;
        this.definition = definition;
        this.replicas = replicas;
        this.clock = clock;
    }

    /** Returns once the alias points at the index of the current mapping, filled with {@code fill} if need be. */
    public void ensureCurrent(Fill fill) throws IOException, InterruptedException {
        boolean told = false;
        while (true) {
            Set<String> current = IndexStartup.indicesBehind(client, alias);
            if (current.contains(index)) {
                IndexStartup.applyReplicas(client, index, replicas);
                return;
            }
            if (current.isEmpty()) {
                if (IndexStartup.createUnlessExists(client, index, alias, definition.apply(replicas))) {
                    log.info("Created index {} behind alias {}", index, alias);
                } else {
                    client.indices().putAlias(a -> a.index(index).name(alias));
                }
                continue;
            }
            Optional<RebuildLease> lease = RebuildLease.acquire(client, RebuildLease.indexOf(alias), index, instance,
                clock);
            if (lease.isPresent()) {
                try (RebuildLease held = lease.get()) {
                    replace(current, fill);
                }
                continue;
            }
            if (!told) {
                log.info("Another instance is rebuilding {} from {}; waiting for it to move alias {}", index, current,
                    alias);
                told = true;
            }
            Thread.sleep(LEASE_POLL.toMillis());
        }
    }

    private void replace(Set<String> old, Fill fill) throws IOException, InterruptedException {
        if (!IndexStartup.indicesBehind(client, alias).equals(old)) {
            return; // Moved by the lease's previous holder between our look and our lease: look again.
        }
        IndexStartup.createUnlessExists(client, index, null, definition.apply(0));
        IndexStartup.Step afterSwap = fill.fill(index, old);
        IndexStartup.applyReplicas(client, index, replicas);
        IndexStartup.swapAlias(client, alias, old, index);
        afterSwap.run();
        for (String each : old) {
            client.indices().delete(d -> d.index(each).ignoreUnavailable(true));
        }
    }
}
