package dev.wenku.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
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
import org.springframework.security.oauth2.jwt.JwtValidationException;
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
    /** The share of a token's life during which {@link #current} hands it out again: the rest is left for its trip. */
    private static final int REUSED_FOR_ONE_IN = 6;
    /** Callers whose last token is kept: the readers (one anonymous entry) and the editors and operators at work. */
    private static final int CALLERS_KEPT = 1_000;
    /** Tokens a service keeps verified: one per caller per reuse period, far fewer than this. */
    private static final int VERIFIED_KEPT = 1_000;

    private final JwtEncoder encoder;
    private final CallerTokenProperties properties;
    private final Clock clock;
    /** How long {@link #current} hands out a token again. */
    private final Duration reuse;
    private final Cache<Holder, Signed> recent = Caffeine.newBuilder().maximumSize(CALLERS_KEPT).build();

    public CallerTokens(CallerTokenProperties properties, Clock clock) {
        this.encoder = NimbusJwtEncoder.withSecretKey(properties.key()).algorithm(MacAlgorithm.HS256).build();
        this.properties = properties;
        this.clock = clock;
        this.reuse = properties.timeToLive().dividedBy(REUSED_FOR_ONE_IN);
    }

    /**
     * The token the gateway forwards for {@code name} with {@code roles}: the one signed for the same caller less than
     * a sixth of a token's life ago, or a new one. Signing (claims, JSON, Base64, HMAC) was about a tenth of the
     * gateway's CPU per proxied search, for the same anonymous reader over and over; a token handed out again still
     * has five sixths of its life for its trip, and a change of roles is another caller (a new token at once).
     */
    public String current(String name, Collection<String> roles) {
        Instant now = clock.instant();
        Holder holder = new Holder(name, Set.copyOf(roles));
        Signed last = recent.getIfPresent(holder);
        if (last != null && !now.isBefore(last.at()) && now.isBefore(last.at().plus(reuse))) {
            return last.token();
        }
        Signed signed = new Signed(sign(name, roles, now), now);
        recent.put(holder, signed);
        return signed.token();
    }

    /** A token for {@code name} with {@code roles} (names as in {@link Roles}), valid for the configured time. */
    public String sign(String name, Collection<String> roles) {
        return sign(name, roles, clock.instant());
    }

    private String sign(String name, Collection<String> roles, Instant now) {
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(ISSUER).audience(List.of(AUDIENCE)).subject(name)
            .issuedAt(now).expiresAt(now.plus(properties.timeToLive())).claim(ROLES_CLAIM, List.copyOf(roles)).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
            .getTokenValue();
    }

    /** Accepts only tokens signed with the secret, by the gateway, for the services, and not expired. */
    public static JwtDecoder decoder(CallerTokenProperties properties) {
        return decoder(properties, Clock.systemUTC());
    }

    static JwtDecoder decoder(CallerTokenProperties properties, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(properties.key()).macAlgorithm(MacAlgorithm.HS256)
            .build();
        OAuth2TokenValidator<Jwt> audience = CallerTokens::forTheServices;
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtIssuerValidator(ISSUER), timestamps,
            audience));
        return new Verified(decoder, timestamps, Caffeine.newBuilder().maximumSize(VERIFIED_KEPT)
            .expireAfterWrite(properties.timeToLive().plus(CLOCK_SKEW)).build());
    }

    /**
     * Tokens already verified, by their exact text: the gateway hands out the same token for a while ({@link #current}),
     * so a service checks its signature once and afterwards only whether it has expired. A token that fails is never
     * kept, and a kept one is the very string whose signature was checked.
     */
    private record Verified(JwtDecoder verifier, JwtTimestampValidator timestamps, Cache<String, Jwt> tokens)
            implements JwtDecoder {

        @Override
        public Jwt decode(String token) {
            Jwt known = tokens.getIfPresent(token);
            if (known == null) {
                Jwt verified = verifier.decode(token);
                tokens.put(token, verified);
                return verified;
            }
            OAuth2TokenValidatorResult result = timestamps.validate(known);
            if (result.hasErrors()) {
                tokens.invalidate(token);
                throw new JwtValidationException("the caller token has expired", result.getErrors());
            }
            return known;
        }
    }

    /** Whom a token speaks for. */
    private record Holder(String name, Set<String> roles) {
    }

    /** A token and when it was signed. */
    private record Signed(String token, Instant at) {
    }

    private static OAuth2TokenValidatorResult forTheServices(Jwt token) {
        List<String> audience = token.getAudience();
        return audience != null && audience.contains(AUDIENCE) ? OAuth2TokenValidatorResult.success()
            : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "not a token for the services", null));
    }
}
