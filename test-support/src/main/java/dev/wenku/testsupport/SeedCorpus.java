package dev.wenku.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The seed compilation the platform is loaded with ({@value #RELATIVE} of the repository), found from any working
 * directory inside the repository: Maven runs a module's tests in the module's directory, scripts run from the root.
 */
public final class SeedCorpus {

    /** The seed's path relative to the repository's root. */
    public static final String RELATIVE = "seeds/000_46f25000791b86e7.txt";

    private static volatile String text;

    private SeedCorpus() {
    }

    /** The seed file. */
    public static Path path() {
        return locate(RELATIVE);
    }

    /** The seed as it is committed (UTF-8, scraped: with pinyin annotations and mojibake), read once. */
    public static String text() {
        String read = text;
        if (read == null) {
            try {
                read = Files.readString(path(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the seed " + path(), e);
            }
            text = read;
        }
        return read;
    }

    /** The seed's bytes, as an upload sends them. */
    public static byte[] bytes() {
        try {
            return Files.readAllBytes(path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed " + path(), e);
        }
    }

    /**
     * {@code relative} below the working directory or the nearest of its parents that has it.
     *
     * @throws IllegalStateException when neither the working directory nor any parent has it
     */
    public static Path locate(String relative) {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found in " + start + " nor in any of its parents");
    }
}
