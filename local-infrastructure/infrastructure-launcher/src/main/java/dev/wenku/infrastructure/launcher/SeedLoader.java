package dev.wenku.infrastructure.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Uploads every file in {@code seeds/} through the gateway's ingest API, as an editor would. */
public final class SeedLoader {

    private static final int TITLE_LENGTH = 40;

    private SeedLoader() {
    }

    public record Upload(Path file, int status, String response) {
        public boolean accepted() {
            return status == 200 || status == 202;
        }
    }

    public static List<Upload> loadAll(Path seeds, String gatewayUrl) {
        List<Upload> uploads = new ArrayList<>();
        try (Stream<Path> files = Files.list(seeds)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String body = Files.readString(file, StandardCharsets.UTF_8);
                String json = "{\"title\":" + Json.string(titleOf(body, file)) + ",\"body\":" + Json.string(body)
                    + ",\"source\":" + Json.string("seeds/" + file.getFileName()) + "}";
                HttpResponse<String> response = HttpProbe.postJson(gatewayUrl + "/api/documents", json);
                uploads.add(new Upload(file, response.statusCode(), response.body()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading seeds", e);
        }
        return uploads;
    }

    static String titleOf(String body, Path file) {
        String firstLine = body.strip().lines().findFirst().orElse("").strip();
        if (firstLine.isEmpty()) {
            return file.getFileName().toString();
        }
        return firstLine.length() <= TITLE_LENGTH ? firstLine : firstLine.substring(0, TITLE_LENGTH) + "…";
    }
}
