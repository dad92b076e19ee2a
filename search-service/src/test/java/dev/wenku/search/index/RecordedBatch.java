package dev.wenku.search.index;

import dev.wenku.search.index.DocumentIndexer.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A batch for tests: keeps the results handed to it and writes what happens to it into a shared log. */
class RecordedBatch implements DocumentIndexer.Batch {

    final List<Result> results = new ArrayList<>();
    private final String name;
    private final List<String> log;

    RecordedBatch(String name, List<String> log) {
        this.name = name;
        this.log = log;
    }

    /** Writes {@code changes} as one batch, waiting for all of it, and returns the results. */
    static List<Result> writeAll(DocumentIndexer indexer, Stream<DocumentIndexer.Change> changes) {
        RecordedBatch batch = new RecordedBatch("batch", new ArrayList<>());
        indexer.writer().write(changes, batch, false);
        return batch.results;
    }

    @Override
    public void acknowledged(List<Result> results) {
        this.results.addAll(results);
        log.add(name + " acknowledged " + String.join(",", results.stream().map(r -> r.change().documentId()).toList()));
    }

    @Override
    public void completed() {
        log.add(name + " completed");
    }
}
