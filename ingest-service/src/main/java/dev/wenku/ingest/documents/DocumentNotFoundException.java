package dev.wenku.ingest.documents;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;

/** No document has this id. */
public class DocumentNotFoundException extends ApiException {

    public DocumentNotFoundException(String id) {
        super(ErrorCode.NOT_FOUND, "No document has the id " + id + ".");
    }

    public DocumentNotFoundException(String id, int version) {
        super(ErrorCode.NOT_FOUND, "Document " + id + " has no version " + version + ".");
    }
}
