package dev.wenku.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real corpus for the benchmarks: the 全唐詩 and 全宋詩 of the npm package {@code chinese-poetry} 2.0.1 (MIT licence),
 * 57,607 Tang and 254,248 Song poems in Traditional script, each with its title, poet and lines. The package (85 MB) is
 * fetched from the npm registry at benchmark time, checked against the registry's published SHA-512 and cached under
 * {@code ~/.cache/wenku/corpora} (or {@code $WENKU_CORPUS_DIR}); nothing of it is committed.
 */
final class PoetryCorpus {

    static final String PACKAGE = "chinese-poetry 2.0.1 (npm registry, MIT)";
    static final int POEMS = 311_855;

    private static final URI TARBALL = URI.create("https://registry.npmjs.org/chinese-poetry/-/chinese-poetry-2.0.1.tgz");
    private static final String INTEGRITY =
        "KtYARvV7CWNtax0na9+Jn6PlhGgSoid7PWyDzXI4KsCEm2odZcqEQyval5koaLygZnM/EQ3lfJ//25K8p3uHNg==";
    /** The collections' files: {@code package/dist/quantangshi/poet.tang.0.json}, {@code poet.song.1000.json}, … */
    private static final Pattern COLLECTION = Pattern.compile("package/dist/quantangshi/poet\\.(tang|song)\\.(\\d+)\\.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One poem. {@code file} names the collection file it came from, as a source an editor would see (全唐詩 0–999 …);
     * {@code dynasty} is 唐 or 宋.
     */
    record Poem(String file, String dynasty, String title, String author, List<String> lines) {

        String body() {
            return String.join("\n", lines);
        }
    }

    private PoetryCorpus() {
    }

    /** The package, from the cache or downloaded into it. */
    static Path tarball() {
        Path directory = System.getenv("WENKU_CORPUS_DIR") != null ? Path.of(System.getenv("WENKU_CORPUS_DIR"))
            : Path.of(System.getProperty("user.home"), ".cache", "wenku", "corpora");
        Path file = directory.resolve("chinese-poetry-2.0.1.tgz");
        try {
            if (Files.isRegularFile(file) && INTEGRITY.equals(sha512(file))) {
                return file;
            }
            Files.createDirectories(directory);
            Path partial = directory.resolve(file.getFileName() + ".part");
            System.out.println("Fetching " + TARBALL + " (85 MB) into " + directory);
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
            HttpResponse<Path> response = http.send(HttpRequest.newBuilder(TARBALL).timeout(Duration.ofMinutes(10))
                .build(), HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The npm registry answered " + response.statusCode() + " for " + TARBALL);
            }
            String digest = sha512(partial);
            if (!INTEGRITY.equals(digest)) {
                throw new IllegalStateException("The download of " + TARBALL + " has SHA-512 " + digest
                    + ", not the registry's " + INTEGRITY);
            }
            return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not fetch the corpus " + TARBALL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fetching " + TARBALL, e);
        }
    }

    /** Every poem, Tang then Song, each collection file in its numeric order. */
    static List<Poem> load() {
        List<Poem> poems = new ArrayList<>(POEMS);
        forEach(poems::add);
        poems.sort(java.util.Comparator.comparing((Poem p) -> !"唐".equals(p.dynasty()))
            .thenComparingInt(p -> firstNumber(p.file())));
        return poems;
    }

    /** The first {@code limit} poems of {@link #load()}: the slice a benchmark's {@code --limit=N} asks for. */
    static List<Poem> first(int limit) {
        List<Poem> all = load();
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    /**
     * The {@code --limit=N} of a benchmark's command line, or all {@link #POEMS}; any other argument prints the usage
     * line and exits with status 2, as a command-line tool does.
     */
    static int limitArgument(String[] args, String usage) {
        int limit = POEMS;
        for (String arg : args) {
            if (arg.startsWith("--limit=")) {
                limit = Integer.parseInt(arg.substring("--limit=".length()));
            } else {
                System.err.println("Usage: " + usage);
                System.exit(2);
            }
        }
        return limit;
    }

    /** Reads every poem of the package, in the archive's order. */
    static void forEach(Consumer<Poem> each) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tarball()));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Matcher collection = COLLECTION.matcher(entry.getName());
                if (!collection.matches()) {
                    continue;
                }
                String dynasty = "tang".equals(collection.group(1)) ? "唐" : "宋";
                int first = Integer.parseInt(collection.group(2));
                String file = ("唐".equals(dynasty) ? "全唐詩" : "全宋詩") + " " + first + "–" + (first + 999);
                for (JsonNode poem : JSON.readTree(tar.readAllBytes())) {
                    List<String> lines = new ArrayList<>();
                    poem.path("paragraphs").forEach(line -> lines.add(line.asString()));
                    each.accept(new Poem(file, dynasty, poem.path("title").asString(), poem.path("author").asString(),
                        lines));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the corpus " + TARBALL, e);
        }
    }

    private static int firstNumber(String file) {
        Matcher digits = Pattern.compile("\\d+").matcher(file);
        return digits.find() ? Integer.parseInt(digits.group()) : 0;
    }

    private static String sha512(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return Base64.getEncoder().encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
