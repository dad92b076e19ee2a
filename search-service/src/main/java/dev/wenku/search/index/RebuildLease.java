package dev.wenku.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.OpType;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.IndexResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who rebuilds the index of a new mapping version when several search-service instances start at once: the one
 * holding the lease, a document in a small index of its own in the same Elasticsearch ({@code <alias>-leases}, id the
 * new index's name). search-service has no other shared store, and Elasticsearch's optimistic concurrency (create
 * only if absent; overwrite only at a known sequence number) is all a lease needs.
 * <p>
 * The holder renews the lease every {@value #RENEWALS_PER_TERM}th of {@link #TERM} while it rebuilds; a lease not
 * renewed within the term is taken over, so an instance killed during a rebuild delays the next by one term at most
 * and leaves nothing to clean up (the rebuild writes with external versions, so filling a half-filled index again
 * is harmless).
 */
public final class RebuildLease implements AutoCloseable {

    /** How long a lease holds without renewal. */
    static final Duration TERM = Duration.ofSeconds(30);
    private static final int RENEWALS_PER_TERM = 6;
    private static final Logger log = LoggerFactory.getLogger(RebuildLease.class);

    /** The lease document: who holds it, and when it last said so (epoch milliseconds). */
    record Holder(String owner, long renewedAt) {
    }

    private final ElasticsearchClient client;
    private final String index;
    private final String target;
    private final String owner;
    private final Clock clock;
    private final ScheduledExecutorService renewals;
    private long seqNo;
    private long primaryTerm;

    private RebuildLease(ElasticsearchClient client, String index, String target, String owner, Clock clock,
                         IndexResponse written) {
        this.client = client;
        this.index = index;
        this.target = target;
        this.owner = owner;
        this.clock = clock;
        this.seqNo = written.seqNo();
        this.primaryTerm = written.primaryTerm();
        this.renewals = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("rebuild-lease")
            .factory());
        long period = TERM.toMillis() / RENEWALS_PER_TERM;
        renewals.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * The lease on rebuilding {@code target}, when nobody holds it or its holder stopped renewing it; empty while
     * another instance holds it.
     */
    public static Optional<RebuildLease> acquire(ElasticsearchClient client, String leaseIndex, String target,
                                                 String owner, Clock clock) throws IOException {
        createIndex(client, leaseIndex);
        Holder claim = new Holder(owner, clock.millis());
        try {
            IndexResponse created = client.index(i -> i.index(leaseIndex).id(target).document(claim)
                .opType(OpType.Create));
            return Optional.of(new RebuildLease(client, leaseIndex, target, owner, clock, created));
        } catch (ElasticsearchException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
        GetResponse<Holder> held = client.get(g -> g.index(leaseIndex).id(target), Holder.class);
        if (!held.found() || held.source() == null) {
            return Optional.empty();
        }
        if (clock.millis() - held.source().renewedAt() < TERM.toMillis()) {
            return Optional.empty();
        }
        try {
            IndexResponse taken = client.index(i -> i.index(leaseIndex).id(target).document(claim)
                .ifSeqNo(held.seqNo()).ifPrimaryTerm(held.primaryTerm()));
            log.warn("Took over the rebuild of {} from {}, silent for more than {}", target, held.source().owner(), TERM);
            return Optional.of(new RebuildLease(client, leaseIndex, target, owner, clock, taken));
        } catch (ElasticsearchException e) {
            if (e.status() == 409) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The small index of shared state of the index behind {@code alias}: its rebuild leases, and anything else
     * search-service's instances must agree on (the run of a re-embedding).
     */
    public static String indexOf(String alias) {
        return alias + "-leases";
    }

    /** Creates the index of shared state unless it exists: one shard, a copy on every node. */
    public static void createIndex(ElasticsearchClient client, String leaseIndex) throws IOException {
        if (client.indices().exists(e -> e.index(leaseIndex)).value()) {
            return;
        }
        try {
            client.indices().create(c -> c.index(leaseIndex).settings(s -> s.numberOfShards("1")
                .autoExpandReplicas("0-all")));
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    private synchronized void renew() {
        try {
            IndexResponse renewed = client.index(i -> i.index(index).id(target)
                .document(new Holder(owner, clock.millis())).ifSeqNo(seqNo).ifPrimaryTerm(primaryTerm));
            seqNo = renewed.seqNo();
            primaryTerm = renewed.primaryTerm();
        } catch (IOException | RuntimeException e) {
            // A missed renewal costs nothing while the next one comes within the term.
            log.warn("Could not renew the lease on rebuilding {}: {}", target, e.toString());
        }
    }

    /** Ends the lease: the rebuild is done (or failed), so the next instance need not wait out the term. */
    @Override
    public synchronized void close() {
        renewals.shutdownNow();
        try {
            client.delete(d -> d.index(index).id(target).ifSeqNo(seqNo).ifPrimaryTerm(primaryTerm));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not release the lease on rebuilding {} (it expires in {}): {}", target, TERM, e.toString());
        }
    }
}
