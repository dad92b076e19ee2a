package dev.wenku.infrastructure.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logs an account in at the gateway ({@code POST /api/session}), as the web UI does, for tests and benchmarks that
 * send many requests: the gateway checks the password (bcrypt) once instead of on every request.
 */
public final class GatewaySession {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private GatewaySession() {
    }

    /** The value of an {@code Authorization} header carrying a new session token of {@code account}. */
    public static String logIn(String gatewayUrl, Credentials account) throws IOException, InterruptedException {
        String body = "{\"username\":" + ImportCommand.json(account.username()) + ",\"password\":"
            + ImportCommand.json(account.password()) + "}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/session"))
            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("Log-in of " + account.username() + " answered " + response.statusCode()
                + ": " + response.body());
        }
        return "Bearer " + token.group(1);
    }
}
