package dev.wenku.infrastructure.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded run's two accounts, {@code editor} and {@code operator} (who may also edit). Their passwords come
 * from {@code WENKU_EDITOR_PASSWORD} / {@code WENKU_OPERATOR_PASSWORD}, or are generated for this run; generated
 * ones are written to {@code <data>/credentials.txt} (readable by the owner only). There is never a fixed default.
 */
public record PlatformAccounts(Credentials editor, Credentials operator, Path file) {

    public static final String FILE_NAME = "credentials.txt";

    public static PlatformAccounts prepare(Path data) {
        Credentials editor = new Credentials("editor", fromEnvironmentOrNew("WENKU_EDITOR_PASSWORD"));
        Credentials operator = new Credentials("operator", fromEnvironmentOrNew("WENKU_OPERATOR_PASSWORD"));
        Path file = data.resolve(FILE_NAME);
        PrivateDirectories.writeFile(file, "# Accounts of the embedded run (" + data + "); new passwords at every start"
            + " unless WENKU_EDITOR_PASSWORD / WENKU_OPERATOR_PASSWORD are set.\n"
            + line(editor, "WENKU_EDITOR_PASSWORD") + line(operator, "WENKU_OPERATOR_PASSWORD"));
        return new PlatformAccounts(editor, operator, file);
    }

    /** The gateway's environment that creates these accounts ({@code wenku.security.users.*}). */
    Map<String, String> gatewayEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("WENKU_SECURITY_USERS_EDITOR_PASSWORD", editor.password());
        environment.put("WENKU_SECURITY_USERS_EDITOR_ROLES", "EDITOR");
        environment.put("WENKU_SECURITY_USERS_OPERATOR_PASSWORD", operator.password());
        environment.put("WENKU_SECURITY_USERS_OPERATOR_ROLES", "OPERATOR,EDITOR");
        return environment;
    }

    private static String line(Credentials account, String variable) {
        return account.username() + " " + (System.getenv(variable) != null ? "(password from " + variable + ")"
            : account.password()) + "\n";
    }

    private static String fromEnvironmentOrNew(String variable) {
        String given = System.getenv(variable);
        if (given != null && !given.isBlank()) {
            return given;
        }
        return RandomSecrets.generate(15);
    }
}
