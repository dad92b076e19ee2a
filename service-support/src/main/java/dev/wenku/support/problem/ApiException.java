package dev.wenku.support.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the platform refuses for a reason it can name: becomes a problem document with the code's status, the
 * message as {@code detail} and any {@link #with extra members} (e.g. {@code byteOffset}). Services throw it, or a
 * subclass named for their domain, instead of writing error bodies themselves.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ApiException(ErrorCode code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = code;
    }

    /** A {@link ErrorCode#INVALID_PARAMETER} naming the parameter in the member {@code parameter}. */
    public static ApiException invalidParameter(String parameter, String detail) {
        return new ApiException(ErrorCode.INVALID_PARAMETER, detail).with("parameter", parameter);
    }

    /** Adds a member to the problem document (null values are left out). */
    public ApiException with(String name, Object value) {
        if (value != null) {
            properties.put(name, value);
        }
        return this;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> properties() {
        return Collections.unmodifiableMap(properties);
    }
}
