package dev.wenku.ingest.hostile;

import static dev.wenku.ingest.hostile.Uploads.BOUNDARY;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/** Requests of the wrong shape: content types the API does not take, broken multipart, batches of bad files. */
final class RequestShapeCases {

    private static final List<String> WRONG_TYPES = List.of("application/xml", "text/html", "application/octet-stream",
        "image/png", "application/x-www-form-urlencoded", "application/pdf", "text/csv", "application/javascript",
        "video/mp4", "application/x-ndjson", "application/json; charset=x-bogus", "text/plain; charset=x-bogus",
        "application/json; charset=\"\"", "not a media type", "/");

    private RequestShapeCases() {
    }

    static void wrongContentType(Random random, Consumer<HostileCase> out) {
        byte[] body = JsonCases.validDocument(random).getBytes(StandardCharsets.UTF_8);
        int variant = random.nextInt(WRONG_TYPES.size() + 1);
        String type = variant < WRONG_TYPES.size() ? WRONG_TYPES.get(variant) : null;
        out.accept(HostileCase.cheap("request.wrongContentType", "a JSON document sent as "
            + (type == null ? "no Content-Type" : type), 415, Set.of("unsupported_media_type"),
            base -> Uploads.request(base, "", type, BodyPublishers.ofByteArray(body))));
    }

    static void malformedMultipart(Random random, Consumer<HostileCase> out) {
        byte[] content = HostileBytes.SIMPLIFIED.getBytes(StandardCharsets.UTF_8);
        String part = new String(Uploads.partHeader("file", "a.txt"), StandardCharsets.UTF_8);
        String description;
        String contentType = "multipart/form-data; boundary=" + BOUNDARY;
        String body;
        Set<String> errors = Set.of("malformed_multipart");
        switch (random.nextInt(5)) {
            case 0 -> {
                description = "no closing boundary";
                body = part + new String(content, StandardCharsets.UTF_8);
            }
            case 1 -> {
                description = "a body that is not multipart at all";
                body = JsonCases.validDocument(random);
                errors = Set.of("malformed_multipart", "missing_file");
            }
            case 2 -> {
                description = "the file in a part named \"document\"";
                body = part.replace("name=\"file\"", "name=\"document\"") + HostileBytes.SIMPLIFIED + "\r\n--" + BOUNDARY + "--\r\n";
                errors = Set.of("missing_file");
            }
            case 3 -> {
                description = "a part without a Content-Disposition";
                body = "--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\n" + HostileBytes.SIMPLIFIED + "\r\n--" + BOUNDARY + "--\r\n";
                errors = Set.of("missing_file", "malformed_multipart");
            }
            default -> {
                description = "no boundary parameter";
                contentType = "multipart/form-data";
                body = part + HostileBytes.SIMPLIFIED + "\r\n--" + BOUNDARY + "--\r\n";
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String type = contentType;
        out.accept(HostileCase.cheap("request.malformedMultipart", description, 400, errors,
            base -> Uploads.request(base, "", type, BodyPublishers.ofByteArray(bytes))));
    }

    /** Two to five bad files in one batch: each gets its own 4xx result. */
    static void batch(Random random, Consumer<HostileCase> out) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 2 + random.nextInt(4); i > 0; i--) {
            switch (random.nextInt(3)) {
                case 0 -> files.put(i + "-random.txt",
                    HostileBytes.undecodable(random, HostileBytes.random(random, 1 + random.nextInt(2048))));
                case 1 -> files.put(i + "-tool.exe", HostileBytes.random(random, 1 + random.nextInt(2048)));
                default -> files.put(i + "-empty.md", new byte[0]);
            }
        }
        if (random.nextInt(10) == 0) {
            out.accept(HostileCase.cheap("batch.malformed", "a batch without \"files\" parts", 400, Set.of("missing_file"),
                Uploads.multipart("/batch", files, "other")));
            return;
        }
        out.accept(HostileCase.batchOf("batch of " + files.keySet(), Set.of(400, 415),
            Set.of("undecodable_text", "unsupported_type", "empty_file"), Uploads.batch(files)));
    }
}
