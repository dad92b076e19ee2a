package dev.wenku.gateway.security;

import dev.wenku.support.security.Roles;
import java.util.Collection;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks the credentials of a request: a user name and password against the configured users, a {@code wks_}/
 * {@code wkt_} token against {@link AccessTokens}, and any other bearer token as a JWT of the configured OIDC
 * provider (refused when there is none).
 */
final class TokenAuthentication implements ReactiveAuthenticationManager {

    private final ReactiveAuthenticationManager passwords;
    private final AccessTokens tokens;
    private final ReactiveAuthenticationManager jwts;

    TokenAuthentication(PasswordChecks passwords, AccessTokens tokens,
                        SecurityProperties.Oidc oidc) {
        this.passwords = passwords;
        this.tokens = tokens;
        this.jwts = oidc.enabled() ? jwtManager(oidc) : null;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (authentication instanceof UsernamePasswordAuthenticationToken) {
            return passwords.authenticate(authentication);
        }
        if (authentication instanceof BearerTokenAuthenticationToken bearer) {
            String token = bearer.getToken();
            if (AccessTokens.isOurs(token)) {
                // A session token may be checked in the shared store (a database round trip): off the event loop.
                Mono<AccessTokens.Grant> found = token.startsWith(AccessTokens.SESSION_PREFIX)
                    ? Mono.fromCallable(() -> tokens.find(token)).subscribeOn(Schedulers.boundedElastic())
                        .flatMap(Mono::justOrEmpty)
                    : Mono.justOrEmpty(tokens.find(token));
                return found
                    .<Authentication>map(grant -> UsernamePasswordAuthenticationToken.authenticated(grant.username(),
                        null, Roles.authorities(grant.roles())))
                    .switchIfEmpty(Mono.error(new BadCredentialsException("The token is unknown or has expired")));
            }
            if (jwts != null) {
                return jwts.authenticate(authentication);
            }
            return Mono.error(new BadCredentialsException("The token is not one of this gateway's"));
        }
        return Mono.empty();
    }

    private static ReactiveAuthenticationManager jwtManager(SecurityProperties.Oidc oidc) {
        NimbusReactiveJwtDecoder decoder = oidc.jwkSetUri() != null
            ? NimbusReactiveJwtDecoder.withJwkSetUri(oidc.jwkSetUri().toString()).build()
            : NimbusReactiveJwtDecoder.withIssuerLocation(oidc.issuerUri().toString()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
            JwtValidators.createDefaultWithIssuer(oidc.issuerUri().toString()),
            new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                audiences -> audiences != null && audiences.stream().anyMatch(oidc.audiences()::contains)),
            new JwtClaimValidator<String>("azp",
                party -> party == null || oidc.authorizedParties().isEmpty()
                    || oidc.authorizedParties().contains(party))));
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName(oidc.usernameClaim());
        converter.setJwtGrantedAuthoritiesConverter(rolesOf(oidc.rolesClaim()));
        JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager((ReactiveJwtDecoder) decoder);
        manager.setJwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(converter));
        return manager;
    }

    private static Converter<Jwt, Collection<GrantedAuthority>> rolesOf(String claim) {
        return jwt -> {
            List<String> roles = jwt.hasClaim(claim) ? jwt.getClaimAsStringList(claim) : List.of();
            return Roles.authorities(roles == null ? List.of() : roles);
        };
    }
}
