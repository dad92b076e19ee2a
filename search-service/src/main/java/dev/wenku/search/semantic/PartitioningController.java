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
 * {@code POST} starts partitioning the passages (training centroids, then tagging every passage; 202, or 409 while
 * a run trains or tags); {@code GET} shows its progress, the same from any instance. Without the embedding stage,
 * both answer 404 saying so.
 */
@RestController
class PartitioningController {

    private final ObjectProvider<Partitioning> partitioning;

    PartitioningController(ObjectProvider<Partitioning> partitioning) {
        this.partitioning = partitioning;
    }

    @PostMapping("/api/search/embeddings/partitioning")
    ResponseEntity<Partitioning.Progress> start() throws IOException {
        Partitioning run = stage();
        boolean started = run.startRun();
        return ResponseEntity.status(started ? 202 : 409).body(run.progress());
    }

    @GetMapping("/api/search/embeddings/partitioning")
    Partitioning.Progress progress() throws IOException {
        return stage().progress();
    }

    private Partitioning stage() {
        Partitioning run = partitioning.getIfAvailable();
        if (run == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Search by meaning is off on this instance"
                + " (wenku.search.semantic.enabled), so there are no passage vectors to partition.");
        }
        return run;
    }
}
