package dev.wenku.benchmarks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Waits until the platform finds what was loaded. */
final class PlatformReady {

    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    private PlatformReady() {
    }

    static void awaitSearchable(String gateway, String query, long expected) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String url = gateway + "/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < end) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            Matcher total = TOTAL.matcher(response.body());
            if (response.statusCode() == 200 && total.find() && Long.parseLong(total.group(1)) >= expected) {
                return;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("The platform did not find " + expected + " documents for " + query);
    }
}
