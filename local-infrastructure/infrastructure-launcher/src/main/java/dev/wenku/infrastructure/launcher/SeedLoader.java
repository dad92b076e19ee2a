package dev.wenku.infrastructure.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Uploads every file in {@code seeds/} through the gateway's file upload, as an editor would (encoding detection,
 * repair and compilation splitting happen in ingest-service), printing progress as it goes.
 */
public final class SeedLoader {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern DOCUMENT = Pattern.compile("\"outcome\"\\s*:\\s*\"(CREATED|UPDATED|UNCHANGED)\"");
    private static final Pattern WARNING = Pattern.compile("\"kind\"\\s*:");

    private SeedLoader() {
    }

    /** One file's upload: the HTTP status and the ingest-service's answer. */
    public record Upload(Path file, int status, String response) {

        public boolean accepted() {
            return status == 200 || status == 202;
        }

        /** How many documents the file produced (a compilation gives one per essay). */
        public long documents() {
            return DOCUMENT.matcher(response).results().count();
        }

        public long created() {
            return DOCUMENT.matcher(response).results().filter(m -> !m.group(1).equals("UNCHANGED")).count();
        }
    }

    public static List<Upload> loadAll(Path seeds, String gatewayUrl, Credentials editor, PrintStream progress) {
        List<Path> files = list(seeds);
        List<Upload> uploads = new ArrayList<>();
        long created = 0;
        long warnings = 0;
        for (Path file : files) {
            Upload upload = upload(file, gatewayUrl, editor);
            uploads.add(upload);
            created += upload.created();
            warnings += WARNING.matcher(upload.response()).results().count();
            if (progress != null) {
                progress.printf("Seeds: %d/%d files done (%s: HTTP %d, %d documents), %d documents created, %d warnings%n",
                    uploads.size(), files.size(), file.getFileName(), upload.status(), upload.documents(), created,
                    warnings);
            }
        }
        return uploads;
    }

    private static Upload upload(Path file, String gatewayUrl, Credentials editor) {
        try {
            MultipartBody body = new MultipartBody().file("file", file.getFileName().toString(), Files.readAllBytes(file));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/documents"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", body.contentType())
                    .header("Authorization", editor.basicAuthorization())
                    .POST(body.publisher()).build(),
                HttpResponse.BodyHandlers.ofString());
            return new Upload(file, response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading seeds", e);
        }
    }

    private static List<Path> list(Path seeds) {
        try (Stream<Path> files = Files.list(seeds)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
