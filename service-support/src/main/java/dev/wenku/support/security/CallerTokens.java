package dev.wenku.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Who is calling, as the gateway tells the services: a short-lived JWT (HS256, {@link CallerTokenProperties}) with the
 * account's name as subject and its roles in {@value #ROLES_CLAIM}, sent as {@code Authorization: Bearer}. The
 * gateway has already checked the caller's password or token; the services trust only this signature, so a process
 * that reaches a service directly, around the gateway, is refused ({@code 401}) whatever it claims to be. A request
 * nobody logged in for carries a token too, for {@value #ANONYMOUS} without roles: a service tells "a reader through
 * the gateway" from "anyone on the network".
 *
 * <p>A shared secret rather than mTLS or the gateway's own key pair: one process signs, a handful verify, all run by
 * the same operator; a secret is one setting to pass where certificates would be a PKI to run.
 */
public final class CallerTokens {

    public static final String ISSUER = "wenku-gateway";
    public static final String AUDIENCE = "wenku-services";
    public static final String ROLES_CLAIM = "roles";
    /** The subject of a request that carries no account. */
    public static final String ANONYMOUS = "anonymous";
    /** How far the verifying clock may be behind or ahead of the gateway's (Spring's default of 60 s would double
     * a token's life). */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final JwtEncoder encoder;
    private final CallerTokenProperties properties;
    private final Clock clock;

    public CallerTokens(CallerTokenProperties properties, Clock clock) {
        this.encoder = NimbusJwtEncoder.withSecretKey(properties.key()).algorithm(MacAlgorithm.HS256).build();
        this.properties = properties;
        this.clock = clock;
    }

    /** A token for {@code name} with {@code roles} (names as in {@link Roles}), valid for the configured time. */
    public String sign(String name, Collection<String> roles) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(ISSUER).audience(List.of(AUDIENCE)).subject(name)
            .issuedAt(now).expiresAt(now.plus(properties.timeToLive())).claim(ROLES_CLAIM, List.copyOf(roles)).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
            .getTokenValue();
    }

    /** Accepts only tokens signed with the secret, by the gateway, for the services, and not expired. */
    public static JwtDecoder decoder(CallerTokenProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(properties.key()).macAlgorithm(MacAlgorithm.HS256)
            .build();
        OAuth2TokenValidator<Jwt> audience = CallerTokens::forTheServices;
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtIssuerValidator(ISSUER),
            new JwtTimestampValidator(CLOCK_SKEW), audience));
        return decoder;
    }

    private static OAuth2TokenValidatorResult forTheServices(Jwt token) {
        List<String> audience = token.getAudience();
        return audience != null && audience.contains(AUDIENCE) ? OAuth2TokenValidatorResult.success()
            : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "not a token for the services", null));
    }
}
