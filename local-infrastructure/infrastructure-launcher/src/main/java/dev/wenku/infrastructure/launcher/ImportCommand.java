package dev.wenku.infrastructure.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./wenku import <file.ndjson | file.zip | folder> [--gateway=URL] [--user=editor] [--name=label] [--no-wait]}:
 * streams a corpus through the gateway as one bulk import ({@code POST /api/imports}) and follows it with a progress
 * bar (lines or files, rate, time left), then until what it stored is searchable, and ends with a summary and what was
 * rejected (lines by number, files by name). A file is sent as it is: NDJSON (one JSON upload per line), or a zip of
 * files in any format the service takes as a file upload ({@code .txt}, {@code .md}, {@code .html}, {@code .docx},
 * {@code .pdf}). A folder is sent as a zip of its files (hidden ones left out), made one file at a time while the body
 * is sent ({@link ZippedFolder}): the service reads each file as a single upload would, whatever its format or
 * encoding, and names the ones it refuses. Running it again on the same input stores nothing twice (same title and
 * text, same document: unchanged).
 *
 * <p>The password is {@code WENKU_IMPORT_PASSWORD}, or the user's line of {@code .local-run/credentials.txt} (what
 * {@code ./wenku run} writes), or asked for.
 */
public final class ImportCommand {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int BAR = 30;

    private ImportCommand() {
    }

    public static void main(String[] args) throws Exception {
        Path input = null;
        String gateway = "http://127.0.0.1:8080";
        String user = "editor";
        String name = null;
        boolean wait = true;
        for (String arg : args) {
            if (arg.startsWith("--gateway=")) {
                gateway = arg.substring("--gateway=".length()).replaceAll("/+$", "");
            } else if (arg.startsWith("--user=")) {
                user = arg.substring("--user=".length());
            } else if (arg.startsWith("--name=")) {
                name = arg.substring("--name=".length());
            } else if (arg.equals("--no-wait")) {
                wait = false;
            } else if (!arg.startsWith("--") && input == null) {
                input = Path.of(arg);
            } else {
                usage("Unknown argument " + arg);
            }
        }
        if (input == null || !Files.exists(input)) {
            usage(input == null ? "Name a file or a folder to import." : input + " does not exist.");
        }
        String summary = run(gateway, new Credentials(user, password(user)), input, name, wait, System.out);
        System.exit(summary.contains(" DONE: ") ? 0 : 1);
    }

    /**
     * Imports {@code input} through the gateway as {@code account}, printing the progress to {@code out}; returns the
     * summary line ({@code Import <id> DONE: … lines, … created, …}).
     */
    public static String run(String gateway, Credentials account, Path input, String name, boolean wait,
                             PrintStream out) throws Exception {
        String authorization = GatewaySession.logIn(gateway, account);
        Body body = Files.isDirectory(input) ? Body.ofFolder(input) : Body.ofFile(input);
        String label = name != null ? name : input.getFileName().toString();
        out.printf("Importing %s (%s) through %s as %s%n", input, body.description(), gateway, account.username());
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/imports?name="
                + URLEncoder.encode(label, StandardCharsets.UTF_8)))
            .header("Authorization", authorization).header("Content-Type", body.contentType())
            .timeout(Duration.ofMinutes(30)).POST(body.publisher()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            String refused = "The import was refused (" + started.statusCode() + "): " + started.body();
            out.println(refused);
            return refused;
        }
        return new Follower(gateway, authorization, field(started.body(), "id"), out).follow(wait);
    }

    private static void usage(String problem) {
        System.err.println(problem + "\nUsage: ./wenku import <file.ndjson | file.zip | folder>"
            + " [--gateway=http://127.0.0.1:8080]"
            + " [--user=editor] [--name=label] [--no-wait]");
        System.exit(2);
    }

    private static String password(String user) throws IOException {
        String given = System.getenv("WENKU_IMPORT_PASSWORD");
        if (given != null && !given.isBlank()) {
            return given;
        }
        Path credentials = Path.of(".local-run", PlatformAccounts.FILE_NAME);
        if (Files.isReadable(credentials)) {
            for (String line : Files.readAllLines(credentials)) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 2 && parts[0].equals(user)) {
                    return parts[1];
                }
            }
        }
        if (System.console() == null) {
            usage("Set WENKU_IMPORT_PASSWORD: there is no terminal to ask for " + user + "'s password.");
        }
        return new String(System.console().readPassword("Password of %s: ", user));
    }

    /** {@code GET /api/imports/{id}} through the gateway: the import's progress (JSON). */
    public static String progress(String gateway, String authorization, String id) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/imports/" + id))
            .header("Authorization", authorization).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET /api/imports/" + id + " answered " + answer.statusCode() + ": "
                + answer.body());
        }
        return answer.body();
    }

    /** The first value of a JSON field in {@code json} (a string or a number), or null. */
    static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[-0-9.eE]+)")
            .matcher(json);
        return value.find() ? (value.group(2) != null ? value.group(2) : value.group(1)) : null;
    }

    private static long number(String json, String name) {
        String value = field(json, name);
        return value == null ? 0 : (long) Double.parseDouble(value);
    }

    /** What is sent: a file as it is (NDJSON, or a zip by its name), or a folder as a zip made while it is sent. */
    record Body(HttpRequest.BodyPublisher publisher, String contentType, String description) {

        static final String NDJSON = "application/x-ndjson";
        static final String ZIP = "application/zip";

        static Body ofFile(Path file) throws IOException {
            boolean zip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
            return new Body(HttpRequest.BodyPublishers.ofFile(file), zip ? ZIP : NDJSON,
                String.format(Locale.ROOT, "%,d bytes%s", Files.size(file), zip ? ", a zip" : ""));
        }

        /** Every file of the folder and its subfolders but hidden ones, zipped one at a time as the body is read. */
        static Body ofFolder(Path folder) throws IOException {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(folder)) {
                files = walk.filter(Files::isRegularFile).filter(file -> !hidden(folder.relativize(file))).sorted()
                    .toList();
            }
            return new Body(HttpRequest.BodyPublishers.ofInputStream(() -> new ZippedFolder(folder, files)), ZIP,
                String.format(Locale.ROOT, "%,d files, sent as a zip", files.size()));
        }

        private static boolean hidden(Path relative) {
            for (Path name : relative) {
                if (name.toString().startsWith(".")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code text} as a JSON string (the log-in body of {@link GatewaySession}). */
    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Polls the import and draws its progress on one terminal line. */
    private record Follower(String gateway, String authorization, String id, PrintStream out) {

        String follow(boolean untilSearchable) throws Exception {
            String progress = poll();
            while ("RUNNING".equals(field(progress, "state"))) {
                drawRead(progress, String.format(Locale.ROOT, "%,d %s, %s/s, %s left", number(progress, "read"),
                    unit(progress), rate(progress), eta(progress)));
                Thread.sleep(POLL.toMillis());
                progress = poll();
            }
            drawRead(progress, String.format(Locale.ROOT, "%,d %s, %s/s", number(progress, "read"), unit(progress),
                rate(progress)));
            out.println();
            long stored = number(progress, "created") + number(progress, "updated");
            while (untilSearchable && "DONE".equals(field(progress, "state")) && number(progress, "indexed") < stored) {
                draw("indexed", number(progress, "indexed"), stored, String.format(Locale.ROOT,
                    "%,d analysed", number(progress, "analyzed")));
                Thread.sleep(POLL.toMillis());
                progress = poll();
            }
            String summary = String.format(Locale.ROOT, "Import %s %s: %,d %s, %,d created, %,d updated,"
                    + " %,d unchanged, %,d rejected; %,d searchable", id, field(progress, "state"),
                number(progress, "read"), unit(progress), number(progress, "created"), number(progress, "updated"),
                number(progress, "unchanged"), number(progress, "rejected"), number(progress, "indexed"));
            out.printf("%n%s%n", summary);
            String error = field(progress, "error");
            if (error != null) {
                out.printf("  %s%n", error);
            }
            printRejections(progress);
            return summary;
        }

        /** The rejected lines by number, or a zip's rejected files by name, each with its error code and message. */
        private void printRejections(String progress) {
            Matcher rejection = Pattern.compile("\\{\"line\":(null|\\d+),\"file\":(null|\"((?:[^\"\\\\]|\\\\.)*)\"),"
                + "\"error\":\"([^\"]*)\",\"message\":\"((?:[^\"\\\\]|\\\\.)*)\"}").matcher(progress);
            while (rejection.find()) {
                String where = rejection.group(3) != null ? rejection.group(3) : "line " + rejection.group(1);
                out.printf("  %s: %s — %s%n", where, rejection.group(4), rejection.group(5));
            }
        }

        /** The bar while reading: a zip's files of its total, NDJSON's bytes of its size (lines are not counted ahead). */
        private void drawRead(String progress, String detail) {
            boolean counted = field(progress, "total") != null;
            draw("read", number(progress, counted ? "read" : "bytesRead"),
                number(progress, counted ? "total" : "sizeBytes"), detail);
        }

        private static String unit(String progress) {
            String unit = field(progress, "unit");
            return unit == null ? "lines" : unit;
        }

        private String poll() throws Exception {
            return progress(gateway, authorization, id);
        }

        private void draw(String what, long done, long total, String detail) {
            int filled = total <= 0 ? 0 : (int) Math.min(BAR, BAR * done / total);
            out.printf("\r[%s%s] %3d%% %s · %s   ", "#".repeat(filled), ".".repeat(BAR - filled),
                total <= 0 ? 0 : 100 * done / total, what, detail);
            out.flush();
        }

        private static String rate(String progress) {
            String perSecond = field(progress, "perSecond");
            return perSecond == null ? "–" : String.format(Locale.ROOT, "%,.0f", Double.parseDouble(perSecond));
        }

        private static String eta(String progress) {
            String eta = field(progress, "etaSeconds");
            if (eta == null) {
                return "–";
            }
            long seconds = (long) Double.parseDouble(eta);
            return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
    }
}
