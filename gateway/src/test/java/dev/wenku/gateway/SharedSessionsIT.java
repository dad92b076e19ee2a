package dev.wenku.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.FreePorts;
import dev.wenku.infrastructure.launcher.LocalServers;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.RunningServer;
import dev.wenku.support.testing.TestCallers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two gateways sharing their sessions in a real PostgreSQL server ({@code wenku.security.session-store.url}), as a
 * cluster's gateways do: a session issued by one works on the other, a log-out on either ends it on both, and while
 * the database is down a session is answered 503 (retry), not 401 (which would log the user out), and works again
 * once the database is back.
 */
@Tag("security")
class SharedSessionsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "session-store-secret";

    private static Path data;
    private static LocalServers servers;
    private static int postgresPort;
    private static RunningServer postgres;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("wenku-gateway-sessions-");
        servers = new LocalServers(ProjectLayout.locate(), data, null);
        postgresPort = FreePorts.next();
        postgres = servers.startPostgres(data.resolve("postgres"), postgresPort, PASSWORD);
        first = gateway();
        second = gateway();
    }

    private static ConfigurableApplicationContext gateway() {
        return new SpringApplicationBuilder(GatewayApplication.class).run(
            "--server.port=0",
            TestCallers.SECRET_ARGUMENT,
            "--wenku.security.users.editor.password=" + GatewayTest.EDITOR_PASSWORD,
            "--wenku.security.users.editor.roles=EDITOR",
            "--wenku.security.session-store.url=" + postgres.address(),
            "--wenku.security.session-store.username=postgres",
            "--wenku.security.session-store.password=" + PASSWORD);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext gateway : new ConfigurableApplicationContext[] {first, second}) {
            if (gateway != null) {
                gateway.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
        Directories.deleteRecursively(data);
    }

    @Test
    void aSessionIssuedByOneGatewayWorksOnTheOtherAndALogOutOnEitherEndsItOnBoth() throws Exception {
        String token = logIn(first);
        HttpResponse<String> onSecond = session(second, token);
        assertThat(onSecond.statusCode()).as(onSecond.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(onSecond.body(), "$.username")).isEqualTo("editor");

        assertThat(send(second, request(second, "/api/session").header("Authorization", "Bearer " + token)
            .DELETE()).statusCode()).isEqualTo(204);
        assertThat(session(first, token).statusCode()).as("logged out on the other gateway").isEqualTo(401);
        assertThat(session(second, token).statusCode()).isEqualTo(401);
    }

    @Test
    void whileTheDatabaseIsDownASessionIsAnswered503AndWorksAgainOnceItIsBack() throws Exception {
        String token = logIn(first);
        postgres.close();
        try {
            HttpResponse<String> down = session(second, token);
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(down.body()).contains("session store is unavailable");
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
        } finally {
            postgres = servers.startPostgres(data.resolve("postgres"), postgresPort, PASSWORD);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(session(second, token).statusCode()).as("the session survived the outage").isEqualTo(200));
    }

    private static String logIn(ConfigurableApplicationContext gateway) throws Exception {
        HttpResponse<String> answer = send(gateway, request(gateway, "/api/session")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"editor\",\"password\":\""
                + GatewayTest.EDITOR_PASSWORD + "\"}")));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JsonPath.read(answer.body(), "$.token");
    }

    private static HttpResponse<String> session(ConfigurableApplicationContext gateway, String token)
            throws Exception {
        return send(gateway, request(gateway, "/api/session").header("Authorization", "Bearer " + token).GET());
    }

    private static HttpRequest.Builder request(ConfigurableApplicationContext gateway, String path) {
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext gateway, HttpRequest.Builder request)
            throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
