package dev.wenku.ingest.hostile;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Set;
import java.util.function.Function;

/**
 * One malformed upload and the answer it must get. The request is built only when it is sent (from the service's
 * base URI), so the large ones do not all sit in memory at once.
 *
 * @param family      which kind of hostile input, e.g. {@code json.truncated}
 * @param description what exactly is sent, enough to rebuild it by hand
 * @param statuses    the acceptable 4xx statuses
 * @param errors      the acceptable {@code error} codes
 * @param expensive   goes through the Tika workers (run one at a time, few of them)
 * @param batch       sent to {@code /api/documents/batch}: the answer is 200 with one 4xx result per file
 */
record HostileCase(String family, String description, Set<Integer> statuses, Set<String> errors, boolean expensive,
                   boolean batch, Function<URI, HttpRequest> request) {

    static HostileCase cheap(String family, String description, int status, Set<String> errors,
                             Function<URI, HttpRequest> request) {
        return new HostileCase(family, description, Set.of(status), errors, false, false, request);
    }

    static HostileCase extracted(String family, String description, int status, Set<String> errors,
                                 Function<URI, HttpRequest> request) {
        return new HostileCase(family, description, Set.of(status), errors, true, false, request);
    }

    static HostileCase batchOf(String description, Set<Integer> statuses, Set<String> errors,
                               Function<URI, HttpRequest> request) {
        return new HostileCase("batch.malformed", description, statuses, errors, false, true, request);
    }
}
