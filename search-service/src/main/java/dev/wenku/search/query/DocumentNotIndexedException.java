package dev.wenku.search.query;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;

/** No searchable document has this id (not indexed yet, or deleted). */
public class DocumentNotIndexedException extends ApiException {

    public DocumentNotIndexedException(String id) {
        super(ErrorCode.NOT_FOUND, "No searchable document has the id " + id + ".");
    }
}
