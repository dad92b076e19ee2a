package dev.wenku.ingest.documents;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;

/**
 * The editor's {@code If-Match} names a version that is no longer the document's current one: somebody changed it
 * since. Nothing was stored; the answer says which version is current, to reload, compare and retry.
 */
public class PreconditionFailedException extends ApiException {

    public PreconditionFailedException(String id, long expected, long current) {
        super(ErrorCode.PRECONDITION_FAILED, "Document " + id + " is at version " + current + ", not " + expected
            + " as the request assumed: reload it, compare, and send the change again.");
        with("currentVersion", current);
    }
}
