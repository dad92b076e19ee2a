package dev.wenku.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import dev.wenku.support.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Session tokens with a clock the test moves. */
@Tag("security")
class AccessTokensTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-02T08:00:00Z"));
    private final AccessTokens tokens = new AccessTokens(new SecurityProperties(Map.of(), List.of(),
        Duration.ofHours(8), Duration.ofMinutes(30), 3, 2, new SecurityProperties.LogIns(5, null, null, null, 0),
        new SecurityProperties.Oidc(null, null, List.of(), List.of(), "roles", "preferred_username")),
        clock);

    @Test
    void aSessionUnusedForTheIdleTimeoutEndsAndOneInUseLastsItsLifetime() {
        String idle = tokens.issue("editor", List.of("EDITOR")).token();
        String used = tokens.issue("operator", List.of("OPERATOR")).token();
        for (int i = 0; i < 23; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertTrue(tokens.find(used).isPresent(), "used every 20 minutes, after " + (i + 1) * 20 + " minutes");
        }
        assertTrue(tokens.find(idle).isEmpty(), "unused for 7 hours 40 minutes");
        clock.advance(Duration.ofMinutes(20));
        assertTrue(tokens.find(used).isEmpty(), "past its 8 hours however much it is used");
    }

    @Test
    void anAccountLoggingInAgainEndsItsOwnOldestSessionNotAnotherAccounts() {
        String other = tokens.issue("operator", List.of("OPERATOR")).token();
        String first = tokens.issue("editor", List.of("EDITOR")).token();
        clock.advance(Duration.ofSeconds(1));
        String second = tokens.issue("editor", List.of("EDITOR")).token();
        clock.advance(Duration.ofSeconds(1));
        String third = tokens.issue("editor", List.of("EDITOR")).token();
        assertTrue(tokens.find(first).isEmpty(), "two sessions per account: the oldest ended");
        assertTrue(tokens.find(second).isPresent() && tokens.find(third).isPresent());
        assertTrue(tokens.find(other).isPresent(), "the other account's session is untouched");
    }

    @Test
    void aFullStoreRefusesALogInRatherThanEndingSomeoneElsesSession() {
        String a = tokens.issue("a", List.of("EDITOR")).token();
        tokens.issue("b", List.of("EDITOR")).token();
        tokens.issue("c", List.of("EDITOR")).token();
        ApiException refused = assertThrows(ApiException.class, () -> tokens.issue("d", List.of("EDITOR")).token());
        assertEquals(ErrorCode.RATE_LIMITED, refused.code());
        assertTrue(tokens.find(a).isPresent());
        clock.advance(Duration.ofMinutes(31));
        tokens.issue("d", List.of("EDITOR")).token();
        assertTrue(tokens.find(a).isEmpty(), "idle sessions make room");
    }
}
