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
 * {@code POST} starts re-embedding the documents an earlier model embedded (202, or 409 while a run is going);
 * {@code GET} shows its progress, the same from any instance. Without the embedding stage, both answer 404 saying so.
 */
@RestController
class ReembeddingController {

    private final ObjectProvider<Reembedding> reembedding;

    ReembeddingController(ObjectProvider<Reembedding> reembedding) {
        this.reembedding = reembedding;
    }

    @PostMapping("/api/search/embeddings/reembedding")
    ResponseEntity<Reembedding.Progress> start() throws IOException {
        Reembedding run = stage();
        boolean started = run.startRun();
        return ResponseEntity.status(started ? 202 : 409).body(run.progress());
    }

    @GetMapping("/api/search/embeddings/reembedding")
    Reembedding.Progress progress() throws IOException {
        return stage().progress();
    }

    private Reembedding stage() {
        Reembedding run = reembedding.getIfAvailable();
        if (run == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Search by meaning is off on this instance"
                + " (wenku.search.semantic.enabled), so there are no passage vectors to re-embed.");
        }
        return run;
    }
}
