package dev.wenku.infrastructure.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Small HTTP calls the launcher makes: health polling, seed uploads, the ready search. */
final class HttpProbe {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpProbe() {
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postJson(String url, String json) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code url} until a response satisfies {@code accepted}; fails after {@code timeout}. */
    static HttpResponse<String> awaitResponse(String url, Predicate<HttpResponse<String>> accepted, Duration timeout,
                                              ChildProcess owner) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (owner != null && !owner.isAlive()) {
                throw new IllegalStateException(owner.name() + " exited while starting. " + owner.describeTail());
            }
            try {
                HttpResponse<String> response = get(url);
                if (accepted.test(response)) {
                    return response;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + url, e);
            }
            sleep(Duration.ofMillis(300));
        }
        throw new IllegalStateException("No acceptable answer from " + url + " within " + timeout.toSeconds()
            + " s; last: " + last + (owner == null ? "" : " " + owner.describeTail()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
