package dev.wenku.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.wenku.support.security.Roles;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/** An external OIDC provider's JWTs are accepted by configuration alone, with the roles of their roles claim. */
@Tag("security")
class OidcTokensTest {

    private static final String ISSUER = "https://idp.example.org/realms/wenku";

    private RSAKey key;
    private HttpServer keys;
    private TokenAuthentication authentication;

    @BeforeEach
    void aProviderPublishingItsKeys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keys.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        keys.start();
        SecurityProperties.Oidc oidc = new SecurityProperties.Oidc(URI.create(ISSUER),
            URI.create("http://127.0.0.1:" + keys.getAddress().getPort() + "/jwks"), List.of("wenku"),
            List.of("wenku-ui"), "roles", "preferred_username");
        SecurityProperties properties = new SecurityProperties(Map.of(), List.of(), null, null, 0, 0,
            new SecurityProperties.LogIns(5, null, null, null, 0), oidc);
        authentication = new TokenAuthentication(new PasswordChecks(new UserDetailsRepositoryReactiveAuthenticationManager(
            new MapReactiveUserDetailsService(User.withUsername("x").password("{noop}x").roles("EDITOR").build())),
            properties.logIns(), System::nanoTime), new AccessTokens(properties, Clock.systemUTC()), oidc);
    }

    @AfterEach
    void stop() {
        keys.stop(0);
    }

    @Test
    void aSignedTokenOfTheProviderAuthenticatesWithItsUserNameAndRoles() throws Exception {
        Authentication result = authentication.authenticate(new BearerTokenAuthenticationToken(
            token(ISSUER, List.of("editor", "unknown-role")))).block();
        assertEquals("li.hua", result.getName());
        assertEquals(List.of("EDITOR"), Roles.names(result.getAuthorities()));
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        assertThrows(AuthenticationException.class, () -> authentication.authenticate(
            new BearerTokenAuthenticationToken(token("https://evil.example.org", List.of("OPERATOR")))).block());
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        assertThrows(AuthenticationException.class, () -> authentication.authenticate(
            new BearerTokenAuthenticationToken(token(ISSUER, List.of("OPERATOR")))).block());
    }

    @Test
    void aTokenTheProviderIssuedForAnotherApplicationIsRefused() {
        assertThrows(AuthenticationException.class, () -> authentication.authenticate(
            new BearerTokenAuthenticationToken(token(ISSUER, List.of("OPERATOR"), "other-app", "wenku-ui"))).block());
    }

    @Test
    void aTokenOfAClientNotAuthorisedIsRefused() {
        assertThrows(AuthenticationException.class, () -> authentication.authenticate(
            new BearerTokenAuthenticationToken(token(ISSUER, List.of("OPERATOR"), "wenku", "other-client"))).block());
    }

    @Test
    void aProviderWithoutIssuerOrAudienceIsRefusedAtStart() {
        URI keySet = URI.create("http://127.0.0.1:1/jwks");
        IllegalArgumentException noIssuer = assertThrows(IllegalArgumentException.class, () ->
            new SecurityProperties.Oidc(null, keySet, List.of("wenku"), List.of(), "roles", "preferred_username"));
        assertTrue(noIssuer.getMessage().contains("issuer-uri"), noIssuer.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SecurityProperties.Oidc(URI.create(ISSUER), keySet,
            List.of(), List.of(), "roles", "preferred_username"));
    }

    private String token(String issuer, List<String> roles) throws Exception {
        return token(issuer, roles, "wenku", "wenku-ui");
    }

    private String token(String issuer, List<String> roles, String audience, String party) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
            new JWTClaimsSet.Builder().issuer(issuer).subject("u-1").claim("preferred_username", "li.hua")
                .claim("roles", roles).audience(audience).claim("azp", party)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
