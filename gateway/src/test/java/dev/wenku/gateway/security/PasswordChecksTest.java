package dev.wenku.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password checks against the real bcrypt encoder and the configured users, with a clock the test moves. */
@Tag("security")
class PasswordChecksTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger bcrypts = new AtomicInteger();
    private final SecurityProperties.LogIns settings = new SecurityProperties.LogIns(2, Duration.ofSeconds(1),
        Duration.ofSeconds(4), Duration.ofMinutes(1), 100);
    private final PasswordChecks checks = checks();

    private PasswordChecks checks() {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        SecurityProperties properties = new SecurityProperties(Map.of("editor",
            new SecurityProperties.User("right-password", null, List.of("EDITOR"))), List.of(), Duration.ofHours(8),
            Duration.ofMinutes(30), 10, 2, settings, new SecurityProperties.Oidc(null, null, List.of(), List.of(), "roles",
                "preferred_username"));
        UserDetailsRepositoryReactiveAuthenticationManager bcrypt =
            new UserDetailsRepositoryReactiveAuthenticationManager(ConfiguredUsers.from(properties, encoder));
        bcrypt.setPasswordEncoder(encoder);
        return new PasswordChecks(attempt -> {
            bcrypts.incrementAndGet();
            return bcrypt.authenticate(attempt);
        }, settings, now::get);
    }

    @Test
    void aVerifiedPasswordIsAcceptedAgainWithoutAnotherBcryptUntilItsTimeIsUp() {
        assertEquals("editor", check("editor", "right-password").getName());
        assertTrue(checks.recentlyVerified(basic("editor", "right-password")));
        assertFalse(checks.recentlyVerified(basic("editor", "wrong-password")));
        assertEquals("editor", check("editor", "right-password").getName());
        assertEquals(1, bcrypts.get(), "the second check came from the cache");
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertFalse(checks.recentlyVerified(basic("editor", "right-password")));
        check("editor", "right-password");
        assertEquals(2, bcrypts.get());
    }

    @Test
    void afterTheFreeFailuresAnAccountWaitsADoublingBackOffKnownOrNot() {
        for (String account : List.of("editor", "nobody-of-that-name")) {
            refusedAsBadCredentials(account);
            refusedAsBadCredentials(account);
            refusedAsBadCredentials(account); // the third failure starts a back-off of 1 s
            int before = bcrypts.get();
            assertEquals(1, backOff(account, "right-password").retryAfterSeconds());
            assertEquals(before, bcrypts.get(), "no password is checked during the back-off");
            now.addAndGet(Duration.ofSeconds(1).toNanos());
            refusedAsBadCredentials(account); // the fourth: 2 s
            assertEquals(2, backOff(account, "x").retryAfterSeconds());
            now.addAndGet(Duration.ofSeconds(2).toNanos());
            refusedAsBadCredentials(account); // the fifth: 4 s, the maximum
            now.addAndGet(Duration.ofSeconds(4).toNanos());
            refusedAsBadCredentials(account);
            assertEquals(4, backOff(account, "x").retryAfterSeconds(), "never beyond max-back-off");
            now.addAndGet(Duration.ofSeconds(4).toNanos());
        }
        assertEquals("editor", check("editor", "right-password").getName(), "the owner gets in after the wait");
        refusedAsBadCredentials("editor");
        refusedAsBadCredentials("editor");
        assertEquals("editor", check("editor", "right-password").getName(), "a success forgot the failures");
    }

    @Test
    void anEmptyUserNameIsRefusedAsBadCredentials() {
        refusedAsBadCredentials("");
    }

    @Test
    void anUnknownUserCostsABcryptLikeAKnownOne() {
        refusedAsBadCredentials("nobody-of-that-name");
        refusedAsBadCredentials("editor");
        assertEquals(2, bcrypts.get());
    }

    private Authentication check(String username, String password) {
        return checks.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password)).block();
    }

    private void refusedAsBadCredentials(String username) {
        Throwable refused = checks.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, "guess"))
            .map(a -> (Throwable) null).onErrorResume(e -> reactor.core.publisher.Mono.just(e)).block();
        assertInstanceOf(BadCredentialsException.class, refused);
    }

    private LogInBackOffException backOff(String username, String password) {
        Throwable refused = checks.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password))
            .map(a -> (Throwable) null).onErrorResume(e -> reactor.core.publisher.Mono.just(e)).block();
        return assertInstanceOf(LogInBackOffException.class, refused);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
