package dev.wenku.support.testing;

import dev.wenku.support.security.CallerTokenProperties;
import dev.wenku.support.security.CallerTokens;
import dev.wenku.support.security.Roles;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Caller tokens for tests that call a service directly, as the gateway would: a service under test is started with
 * {@link #SECRET_ARGUMENT} (or {@link #SECRET_PROPERTY}) and each request carries {@link #editor()} or the like in
 * {@code Authorization}. The secret exists only in tests; a real run generates its own.
 */
public final class TestCallers {

    public static final String SECRET = "a test secret of the caller tokens, 32 bytes or more";
    /** {@code key=value} for {@code @SpringBootTest(properties = ...)}. */
    public static final String SECRET_PROPERTY = "wenku.security.caller-token.secret=" + SECRET;
    /** A command-line argument for {@code SpringApplication.run} or {@code @SpringBootTest(args = ...)}. */
    public static final String SECRET_ARGUMENT = "--" + SECRET_PROPERTY;

    private static final CallerTokens TOKENS =
        new CallerTokens(new CallerTokenProperties(SECRET, Duration.ofMinutes(30)), Clock.systemUTC());

    private TestCallers() {
    }

    /** {@code Bearer …} for the account {@code name} with {@code roles}. */
    public static String bearer(String name, String... roles) {
        return "Bearer " + TOKENS.sign(name, List.of(roles));
    }

    /** An editor, as the gateway forwards one. */
    public static String editor() {
        return bearer("editor", Roles.EDITOR);
    }

    /** An operator (who may also edit). */
    public static String operator() {
        return bearer("operator", Roles.OPERATOR, Roles.EDITOR);
    }

    /** A reader nobody logged in for. */
    public static String anonymous() {
        return bearer(CallerTokens.ANONYMOUS);
    }
}
