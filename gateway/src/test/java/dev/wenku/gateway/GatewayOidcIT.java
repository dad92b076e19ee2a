package dev.wenku.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.wenku.support.security.CallerTokenProperties;
import dev.wenku.support.security.CallerTokens;
import dev.wenku.support.testing.TestCallers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 18, finding 7, on the running gateway: an OIDC provider's access token is accepted only from the configured
 * issuer, for one of the configured audiences, from an authorised client, signed with the provider's key. An
 * accepted one reaches the service as a caller token naming the user and the roles the token gave.
 */
@Tag("security")
@GatewayTest(properties = {
    "wenku.security.oidc.issuer-uri=" + GatewayOidcIT.ISSUER,
    "wenku.security.oidc.audiences=wenku",
    "wenku.security.oidc.authorized-parties=wenku-ui"
})
class GatewayOidcIT {

    static final String ISSUER = "https://idp.example.org/realms/wenku";
    private static final RSAKey KEY = newKey();
    /** The provider's key set, and the ingest-service the gateway forwards to: both small real HTTP servers. */
    private static final HttpServer SERVERS = servers();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        String base = "http://127.0.0.1:" + SERVERS.getAddress().getPort();
        registry.add("wenku.security.oidc.jwk-set-uri", () -> base + "/jwks");
        registry.add("wenku.gateway.ingest-uri", () -> base);
    }

    @AfterAll
    static void stop() {
        SERVERS.stop(0);
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void theProvidersTokenForThisPlatformReachesTheServiceAsTheUserWithTheTokensRoles() throws Exception {
        HttpResponse<String> response = get(token(KEY, ISSUER, "wenku", "wenku-ui", List.of("editor")));
        assertEquals(200, response.statusCode(), response.body());
        String forwarded = response.headers().firstValue("X-Upstream-Authorization").orElse("");
        assertTrue(forwarded.startsWith("Bearer "), forwarded);
        Jwt caller = CallerTokens.decoder(new CallerTokenProperties(TestCallers.SECRET, Duration.ofMinutes(1)))
            .decode(forwarded.substring("Bearer ".length()));
        assertEquals("li.hua", caller.getSubject());
        assertEquals(List.of("EDITOR"), caller.getClaimAsStringList(CallerTokens.ROLES_CLAIM));
    }

    @Test
    void tokensOfAnotherIssuerAudienceClientOrKeyAreRefused() throws Exception {
        assertEquals(401, get(token(KEY, "https://evil.example.org", "wenku", "wenku-ui", List.of("operator")))
            .statusCode(), "another issuer");
        assertEquals(401, get(token(KEY, ISSUER, "other-app", "wenku-ui", List.of("operator"))).statusCode(),
            "issued for another application");
        assertEquals(401, get(token(KEY, ISSUER, "wenku", "other-client", List.of("operator"))).statusCode(),
            "a client that is not authorised");
        assertEquals(401, get(token(newKey(), ISSUER, "wenku", "wenku-ui", List.of("operator"))).statusCode(),
            "signed with another key");
        assertEquals(403, get(token(KEY, ISSUER, "wenku", "wenku-ui", List.of("reader"))).statusCode(),
            "a reader's valid token does not make an editor");
    }

    /** {@code GET /api/documents/abc}, an editors' path routed to ingest-service, with {@code token}. */
    private HttpResponse<String> get(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/documents/abc"))
            .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(RSAKey key, String issuer, String audience, String party, List<String> roles)
            throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
            new JWTClaimsSet.Builder().issuer(issuer).subject("u-1").claim("preferred_username", "li.hua")
                .claim("roles", roles).audience(audience).claim("azp", party)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("provider-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer servers() {
        try {
            byte[] jwks = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            server.createContext("/api/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("X-Upstream-Authorization",
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
