package dev.wenku.support.security;

import dev.wenku.support.problem.ErrorCode;
import dev.wenku.support.problem.servlet.ServletProblems;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Every Spring MVC service accepts only what the gateway forwards: each request must carry a caller token
 * ({@link CallerTokens}) and the account in it must have the role {@link ApiAccess} asks for — the same table the
 * gateway enforces, checked again here so that reaching a service around the gateway opens nothing. The probes
 * ({@code /actuator/health/**}), {@code /actuator/info} and {@code /actuator/prometheus} stay open to whoever
 * reaches the service (the platform's own network: the services listen on loopback, or on compose's private network),
 * because the orchestrator and Prometheus call them without a user; the rest of the actuator is for operators.
 * Stateless, no CSRF (no cookies), no security headers (the gateway, the edge, writes those once).
 */
@AutoConfiguration(beforeName = {
    "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
    "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(CallerTokenProperties.class)
@EnableWebSecurity
public class ServiceSecurityAutoConfiguration {

    static final String[] OPEN_ACTUATOR = {"/actuator/health", "/actuator/health/**", "/actuator/info",
        "/actuator/prometheus"};

    @Bean
    JwtDecoder callerTokenDecoder(CallerTokenProperties properties) {
        return CallerTokens.decoder(properties);
    }

    @Bean
    SecurityFilterChain serviceSecurityFilterChain(HttpSecurity http, JwtDecoder callerTokenDecoder) throws Exception {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(CallerTokens.ROLES_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        AuthenticationEntryPoint unauthenticated = (request, response, failure) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            ServletProblems.write(request, response, ErrorCode.UNAUTHENTICATED,
                "This service answers only requests that the gateway forwards with a valid caller token");
        };
        AccessDeniedHandler forbidden = (request, response, denied) ->
            ServletProblems.write(request, response, ErrorCode.FORBIDDEN, "The account lacks the role this needs");
        return http
            .csrf(AbstractHttpConfigurer::disable)
            .httpBasic(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .headers(AbstractHttpConfigurer::disable)
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .oauth2ResourceServer(tokens -> tokens
                .jwt(jwt -> jwt.decoder(callerTokenDecoder).jwtAuthenticationConverter(converter))
                .authenticationEntryPoint(unauthenticated)
                .accessDeniedHandler(forbidden))
            .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
            .authorizeHttpRequests(ServiceSecurityAutoConfiguration::rules)
            .build();
    }

    private static void rules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        // An error page or an async dispatch continues a request that was already let in.
        rules.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
        rules.requestMatchers(OPEN_ACTUATOR).permitAll();
        rules.requestMatchers("/actuator/**").hasRole(Roles.OPERATOR);
        for (ApiAccess.Rule rule : ApiAccess.RULES) {
            if (rule.methods().isEmpty()) {
                allow(rules.requestMatchers(rule.patterns()), rule.who());
            } else {
                for (HttpMethod method : rule.methods()) {
                    allow(rules.requestMatchers(method, rule.patterns()), rule.who());
                }
            }
        }
        rules.anyRequest().denyAll();
    }

    private static void allow(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl access, ApiAccess.Who who) {
        if (who == ApiAccess.Who.ANYONE) {
            access.authenticated();
        } else {
            access.hasAnyRole(ApiAccess.roles(who));
        }
    }
}
