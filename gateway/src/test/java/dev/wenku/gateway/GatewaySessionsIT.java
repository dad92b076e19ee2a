package dev.wenku.gateway;

import static dev.wenku.support.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Issue 18, finding 8: any account could end everyone's sessions by logging in until the store was full. On the
 * running gateway, with a store of three sessions and two per account: an account logging in once more ends its own
 * oldest session, and when the store is full of other accounts' live sessions a log-in is refused with 429 and
 * nobody's session ends.
 */
@Tag("security")
@GatewayTest(properties = {
    "wenku.security.users.latecomer.password=latecomer-secret-3",
    "wenku.security.users.latecomer.roles=EDITOR",
    "wenku.security.max-sessions=3",
    "wenku.security.max-sessions-per-user=2"
})
class GatewaySessionsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    @Test
    void anAccountEndsOnlyItsOwnOldestSessionAndAFullStoreRefusesNewLogIns() throws Exception {
        String editorFirst = token(logIn("editor", "editor-secret-1"));
        String editorSecond = token(logIn("editor", "editor-secret-1"));
        String operator = token(logIn("operator", "operator-secret-2"));
        String editorThird = token(logIn("editor", "editor-secret-1"));
        assertEquals(401, session(editorFirst), "the editor's oldest session ended");
        assertEquals(200, session(editorSecond));
        assertEquals(200, session(editorThird));
        assertEquals(200, session(operator), "another account's session is untouched");

        HttpResponse<String> refused = logIn("latecomer", "latecomer-secret-3");
        assertProblem(refused, 429, "rate_limited");
        assertEquals(200, session(operator), "a full store ends nobody's session");
        assertEquals(200, session(editorSecond));
        assertEquals(200, session(editorThird));

        assertEquals(204, HTTP.send(request("/api/session").header("Authorization", "Bearer " + operator).DELETE()
            .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, logIn("latecomer", "latecomer-secret-3").statusCode(), "a log-out makes room");
    }

    private HttpResponse<String> logIn(String user, String password) throws Exception {
        return HTTP.send(request("/api/session").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password
                + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(HttpResponse<String> logIn) {
        assertEquals(200, logIn.statusCode(), logIn.body());
        return JsonPath.read(logIn.body(), "$.token");
    }

    /** The status of {@code GET /api/session} with {@code token}: 200 while the session lives, 401 after. */
    private int session(String token) throws Exception {
        return HTTP.send(request("/api/session").header("Authorization", "Bearer " + token).GET().build(),
            HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }
}
