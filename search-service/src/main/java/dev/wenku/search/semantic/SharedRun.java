package dev.wenku.search.semantic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.GetResponse;
import dev.wenku.search.index.IndexStartup;
import dev.wenku.search.index.RebuildLease;
import dev.wenku.support.lifecycle.BackgroundWorker;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * A run every instance with the embedding stage works on (re-embedding, partitioning): a document of type {@code R} in
 * the index of shared state, which each instance reads every {@value #POLL_SECONDS} seconds and works on in steps,
 * so the run's progress reads the same from any instance and it goes on after a restart. A step that fails (the node
 * unreachable, a refused write) pauses the worker for the same interval rather than ending it. The index of shared
 * state is created at start-up ({@link #afterPropertiesSet}), not when the first run starts: created then, a progress
 * read in the moment between the index's creation and its shard's start was answered 503 by the node.
 */
abstract class SharedRun<R> extends BackgroundWorker implements InitializingBean {

    static final int POLL_SECONDS = 2;
    private static final Duration POLL = Duration.ofSeconds(POLL_SECONDS);
    private static final Logger log = LoggerFactory.getLogger(SharedRun.class);

    protected final ElasticsearchClient client;
    protected final String runs;
    private final String id;
    private final Class<R> type;
    private final Duration startupTimeout;

    SharedRun(String name, ElasticsearchClient client, String runs, String id, Class<R> type,
              Duration startupTimeout) {
        super(name);
        this.client = client;
        this.runs = runs;
        this.id = id;
        this.type = type;
        this.startupTimeout = startupTimeout;
    }

    /**
     * Creates the index of shared state unless it exists, waiting (at most {@code wenku.search.startup-timeout})
     * while Elasticsearch is unavailable, and prepares it for this kind of run ({@link #prepare}).
     */
    @Override
    public void afterPropertiesSet() throws InterruptedException {
        IndexStartup.await(runs, startupTimeout, () -> {
            RebuildLease.createIndex(client, runs);
            prepare();
        });
    }

    /** What this kind of run needs of the index of shared state once it exists (a field's mapping); nothing here. */
    protected void prepare() throws IOException {
    }

    /** Does the run's next piece of work; false when there was none (the worker then waits before the next step). */
    protected abstract boolean step() throws IOException;

    /** The run as stored; empty when none ever started. */
    protected Optional<GetResponse<R>> run() throws IOException {
        try {
            GetResponse<R> run = client.get(g -> g.index(runs).id(id), type);
            return run.found() && run.source() != null ? Optional.of(run) : Optional.empty();
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty(); // No run ever started: the index of shared state is not there yet.
            }
            throw e;
        }
    }

    @Override
    protected final void work() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (!step()) {
                    Thread.sleep(POLL);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("{} paused: {}", getClass().getSimpleName(), e.toString());
                try {
                    Thread.sleep(POLL);
                } catch (InterruptedException stopped) {
                    return;
                }
            }
        }
    }
}
