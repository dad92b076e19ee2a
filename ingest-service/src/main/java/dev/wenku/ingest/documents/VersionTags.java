package dev.wenku.ingest.documents;

import dev.wenku.support.problem.ApiException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A document's entity tag is its version ({@code "v3"}): it changes with every stored version, not with the pipeline
 * status. {@code If-Match} takes one such tag (or {@code *}: any version).
 */
final class VersionTags {

    private static final Pattern TAG = Pattern.compile("^(?:W/)?\"v(\\d{1,9})\"$");

    private VersionTags() {
    }

    static String of(long version) {
        return "\"v" + version + "\"";
    }

    /** The version an {@code If-Match} names; null when there is none or it is {@code *}. */
    static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher matcher = TAG.matcher(ifMatch.strip());
        if (!matcher.matches()) {
            throw ApiException.invalidParameter("If-Match", "If-Match must be the ETag of a version, e.g. \"v3\", got "
                + ifMatch + ".");
        }
        return Long.parseLong(matcher.group(1));
    }
}
