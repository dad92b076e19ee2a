package dev.wenku.support.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.support.testing.TestCallers;
import dev.wenku.support.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class CallerTokensTest {

    private static final Duration LIFE = Duration.ofSeconds(60);
    private static final CallerTokenProperties PROPERTIES = new CallerTokenProperties(TestCallers.SECRET, LIFE);

    private final TestClock clock = new TestClock(Instant.now());
    private final CallerTokens tokens = new CallerTokens(PROPERTIES, clock);
    private final JwtDecoder decoder = CallerTokens.decoder(PROPERTIES, clock);

    @Test
    void theSameCallerGetsTheSameTokenForASixthOfItsLifeThenANewOne() {
        String first = tokens.current(CallerTokens.ANONYMOUS, List.of());
        clock.advance(Duration.ofSeconds(9));
        assertEquals(first, tokens.current(CallerTokens.ANONYMOUS, List.of()), "reused within 10 s of 60");
        clock.advance(Duration.ofSeconds(1));
        String second = tokens.current(CallerTokens.ANONYMOUS, List.of());
        assertNotEquals(first, second, "a token 10 s old is not handed out again");
        Jwt renewed = decoder.decode(second);
        assertEquals(clock.instant().plus(LIFE).getEpochSecond(), renewed.getExpiresAt().getEpochSecond());
    }

    @Test
    void aReusedTokenStillHasMostOfItsLifeAndNamesItsCallerAndRoles() {
        String editor = tokens.current("mei", List.of(Roles.EDITOR, Roles.OPERATOR));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(editor, tokens.current("mei", List.of(Roles.OPERATOR, Roles.EDITOR)), "same roles in any order");
        Jwt token = decoder.decode(editor);
        assertEquals("mei", token.getSubject());
        assertEquals(Set.of(Roles.EDITOR, Roles.OPERATOR), Set.copyOf(token.getClaimAsStringList(CallerTokens.ROLES_CLAIM)));
        assertTrue(Duration.between(clock.instant(), token.getExpiresAt()).compareTo(Duration.ofSeconds(50)) >= 0,
            "at least five sixths of its life left: " + token.getExpiresAt());
    }

    @Test
    void otherRolesOrAnotherNameIsAnotherToken() {
        String editor = tokens.current("mei", List.of(Roles.EDITOR));
        assertNotEquals(editor, tokens.current("mei", List.of(Roles.EDITOR, Roles.OPERATOR)));
        assertNotEquals(editor, tokens.current("lan", List.of(Roles.EDITOR)));
        assertEquals(List.of(), decoder.decode(tokens.current(CallerTokens.ANONYMOUS, List.of()))
            .getClaimAsStringList(CallerTokens.ROLES_CLAIM));
    }

    @Test
    void aTokenVerifiedOnceIsRefusedOnceItHasExpired() {
        String token = tokens.current("mei", List.of(Roles.EDITOR));
        assertEquals("mei", decoder.decode(token).getSubject());
        clock.advance(Duration.ofSeconds(60));
        assertEquals("mei", decoder.decode(token).getSubject(), "within the 5 s the clocks may differ");
        clock.advance(Duration.ofSeconds(6));
        assertThrows(JwtValidationException.class, () -> decoder.decode(token));
        assertThrows(JwtValidationException.class, () -> decoder.decode(token), "and every time after");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefusedEveryTime() {
        CallerTokens forged = new CallerTokens(new CallerTokenProperties(TestCallers.SECRET + " but another one", LIFE),
            Clock.systemUTC());
        String token = forged.current("mei", List.of(Roles.OPERATOR));
        assertThrows(JwtException.class, () -> decoder.decode(token), "wrong signature");
        assertThrows(JwtException.class, () -> decoder.decode(token), "still refused the second time");
    }
}
