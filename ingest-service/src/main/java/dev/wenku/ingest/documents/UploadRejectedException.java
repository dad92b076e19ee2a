package dev.wenku.ingest.documents;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;

/**
 * An upload refused for a reason the editor can fix; with {@code byteOffset} (the first undecodable byte) for text
 * in no supported encoding.
 */
public class UploadRejectedException extends ApiException {

    public UploadRejectedException(ErrorCode code, String message) {
        super(code, message);
    }

    public UploadRejectedException(ErrorCode code, String message, Long byteOffset) {
        super(code, message);
        with("byteOffset", byteOffset);
    }
}
