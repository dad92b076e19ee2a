package dev.wenku.ingest.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wenku.text.RepairWarning;
import java.util.List;

/**
 * The answer to an upload: {@code id} and {@code status} of the first document (an upload is usually one
 * document), the detected encoding, and every document it produced with its repairs and warnings. A compilation
 * also gives its preface as {@code description}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadResult(String id, String status, String encoding, String description,
                           List<DocumentOutcome> documents) {

    static UploadResult of(String encoding, String description, List<DocumentOutcome> documents) {
        DocumentOutcome first = documents.getFirst();
        boolean changed = documents.stream().anyMatch(DocumentOutcome::changed);
        return new UploadResult(first.id(), changed ? first.status().name() : "UNCHANGED", encoding, description,
            documents);
    }

    /** 202 when anything was stored (the pipeline goes on asynchronously), 200 when all of it was already there. */
    public int httpStatus() {
        return "UNCHANGED".equals(status) ? 200 : 202;
    }


    public List<RepairWarning> warnings() {
        return documents.stream().flatMap(d -> d.warnings().stream()).toList();
    }
}
