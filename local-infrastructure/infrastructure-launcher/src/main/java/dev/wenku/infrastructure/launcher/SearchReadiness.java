package dev.wenku.infrastructure.launcher;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Waits until the platform's search finds what was loaded (the run after seeding, benchmarks before measuring). */
public final class SearchReadiness {

    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private SearchReadiness() {
    }

    /** Returns once {@code query} through the gateway finds at least {@code expected} documents. */
    public static void await(String gatewayUrl, String query, long expected) {
        if (expected <= 0) {
            return;
        }
        String url = gatewayUrl + "/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        HttpProbe.awaitResponse(url, r -> r.statusCode() == 200 && totalOf(r.body()) >= expected, TIMEOUT, null);
    }

    static long totalOf(String searchResponse) {
        Matcher total = TOTAL.matcher(searchResponse);
        return total.find() ? Long.parseLong(total.group(1)) : 0;
    }
}
