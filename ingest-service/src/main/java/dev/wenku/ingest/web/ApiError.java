package dev.wenku.ingest.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Every error body of the API: a stable machine-readable code and a sentence for people; {@code byteOffset} only
 * for undecodable uploads.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, Long byteOffset) {

    public ApiError(String error, String message) {
        this(error, message, null);
    }
}
