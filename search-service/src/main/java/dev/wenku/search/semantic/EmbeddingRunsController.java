package dev.wenku.search.semantic;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' runs over the passage vectors, each the same from any instance: {@code POST} starts one (202, or
 * 409 while one is going), {@code GET} shows its progress. Re-embedding embeds again the documents an earlier model
 * embedded; partitioning trains centroids and tags every passage, so a search by meaning compares a few partitions'
 * passages. Without the embedding stage, every one answers 404 saying so.
 */
@RestController
class EmbeddingRunsController {

    private final ObjectProvider<Reembedding> reembedding;
    private final ObjectProvider<Partitioning> partitioning;

    EmbeddingRunsController(ObjectProvider<Reembedding> reembedding, ObjectProvider<Partitioning> partitioning) {
        this.reembedding = reembedding;
        this.partitioning = partitioning;
    }

    @PostMapping("/api/search/embeddings/reembedding")
    ResponseEntity<Reembedding.Progress> startReembedding() throws IOException {
        Reembedding run = stage(reembedding);
        return ResponseEntity.status(run.startRun() ? 202 : 409).body(run.progress());
    }

    @GetMapping("/api/search/embeddings/reembedding")
    Reembedding.Progress reembedding() throws IOException {
        return stage(reembedding).progress();
    }

    @PostMapping("/api/search/embeddings/partitioning")
    ResponseEntity<Partitioning.Progress> startPartitioning() throws IOException {
        Partitioning run = stage(partitioning);
        return ResponseEntity.status(run.startRun() ? 202 : 409).body(run.progress());
    }

    @GetMapping("/api/search/embeddings/partitioning")
    Partitioning.Progress partitioning() throws IOException {
        return stage(partitioning).progress();
    }

    private static <T> T stage(ObjectProvider<T> run) {
        T available = run.getIfAvailable();
        if (available == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Search by meaning is off on this instance"
                + " (wenku.search.semantic.enabled), so there are no passage vectors to work on.");
        }
        return available;
    }
}
