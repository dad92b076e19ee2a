package dev.wenku.ingest.documents;

import java.util.List;

/**
 * An upload repaired, split and checked ({@link DocumentIngestion#prepare}), ready to be stored alone or with others
 * ({@link DocumentIngestion#ingestAll}).
 */
public final class PreparedUpload {

    private final DocumentVersions.Upload stored;
    private final String encoding;
    private final String description;

    PreparedUpload(DocumentVersions.Upload stored, String encoding, String description) {
        this.stored = stored;
        this.encoding = encoding;
        this.description = description;
    }

    DocumentVersions.Upload stored() {
        return stored;
    }

    /** The answer to this upload once its documents are stored with these outcomes. */
    UploadResult result(List<DocumentOutcome> outcomes) {
        return UploadResult.of(encoding, description, outcomes);
    }
}
