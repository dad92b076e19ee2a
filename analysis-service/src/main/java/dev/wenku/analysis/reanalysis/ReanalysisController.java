package dev.wenku.analysis.reanalysis;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST} starts a re-analysis of the whole corpus (202, or 409 while one runs); {@code GET} shows progress. */
@RestController
public class ReanalysisController {

    private final Reanalysis reanalysis;

    public ReanalysisController(Reanalysis reanalysis) {
        this.reanalysis = reanalysis;
    }

    @PostMapping("/api/analysis/reanalysis")
    public ResponseEntity<Reanalysis.Progress> start() {
        boolean started = reanalysis.start();
        return ResponseEntity.status(started ? 202 : 409).body(reanalysis.progress());
    }

    @GetMapping("/api/analysis/reanalysis")
    public Reanalysis.Progress progress() {
        return reanalysis.progress();
    }
}
