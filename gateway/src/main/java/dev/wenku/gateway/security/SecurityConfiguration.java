package dev.wenku.gateway.security;

import dev.wenku.gateway.routing.GatewayProperties;
import dev.wenku.support.security.CallerTokenProperties;
import dev.wenku.support.security.CallerTokens;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The gateway's security: stateless (every request carries its credentials in the {@code Authorization} header,
 * never in a cookie, which is also why there is no CSRF token), JSON 401/403, and security headers with a strict
 * Content-Security-Policy for the web UI.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(CallerTokenProperties.class)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
        + "img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
        + "form-action 'self'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    PasswordChecks passwordChecks(SecurityProperties properties, PasswordEncoder encoder) {
        UserDetailsRepositoryReactiveAuthenticationManager bcrypt =
            new UserDetailsRepositoryReactiveAuthenticationManager(ConfiguredUsers.from(properties, encoder));
        bcrypt.setPasswordEncoder(encoder);
        return new PasswordChecks(bcrypt, properties.logIns(), System::nanoTime);
    }

    /**
     * No observations (spans, timers) of Spring Security's own filters: the request's observation already carries its
     * trace, and nested observations of every security filter, on every request, only cost CPU.
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** The tokens that tell the services who is calling ({@code CallerTokenRelay}). */
    @Bean
    CallerTokens callerTokens(CallerTokenProperties properties, Clock clock) {
        return new CallerTokens(properties, clock);
    }

    @Bean
    AccessTokens accessTokens(SecurityProperties properties, SessionStore sessions) {
        return new AccessTokens(properties, sessions, Clock.systemUTC());
    }

    /** Sessions shared by every gateway in PostgreSQL when {@code wenku.security.session-store.url} is set. */
    @Bean
    SessionStore sessionStore(SessionStoreProperties properties) {
        return properties.shared() ? DatabaseSessions.connect(properties) : new MemorySessions();
    }

    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http, SecurityProperties properties,
                                               PasswordChecks passwords,
                                               AccessTokens tokens, GatewayProperties gateway) {
        AuthenticationWebFilter authentication = new AuthenticationWebFilter(
            new TokenAuthentication(passwords, tokens, properties.oidc()));
        authentication.setServerAuthenticationConverter(new CredentialsConverter());
        authentication.setAuthenticationFailureHandler(JsonSecurityErrors::badCredentials);
        authentication.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        // Health probes answer without looking at credentials: checking them there would be an unlimited oracle.
        authentication.setRequiresAuthenticationMatcher(
            exchange -> HealthProbes.isProbe(exchange.getRequest().getPath().value())
                ? ServerWebExchangeMatcher.MatchResult.notMatch() : ServerWebExchangeMatcher.MatchResult.match());
        return http
            .csrf(ServerHttpSecurity.CsrfSpec::disable)
            .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .logout(ServerHttpSecurity.LogoutSpec::disable)
            .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
            .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
            .cors(cors -> cors.configurationSource(cors(gateway.corsAllowedOrigins())))
            .addFilterAt(authentication, SecurityWebFiltersOrder.AUTHENTICATION)
            .exceptionHandling(errors -> errors.authenticationEntryPoint(JsonSecurityErrors.unauthenticated())
                .accessDeniedHandler(JsonSecurityErrors.forbidden()))
            .headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .permissionsPolicy(permissions -> permissions.policy("camera=(), microphone=(), geolocation=()")))
            .authorizeExchange(AccessRules::apply)
            .build();
    }

    private static CorsConfigurationSource cors(List<String> allowedOrigins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!allowedOrigins.isEmpty()) {
            CorsConfiguration api = new CorsConfiguration();
            api.setAllowedOrigins(allowedOrigins);
            api.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
            api.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Request-Id"));
            api.setExposedHeaders(List.of("X-Request-Id", "Retry-After", "Location"));
            api.setMaxAge(3600L);
            source.registerCorsConfiguration("/api/**", api);
        }
        return source;
    }
}
