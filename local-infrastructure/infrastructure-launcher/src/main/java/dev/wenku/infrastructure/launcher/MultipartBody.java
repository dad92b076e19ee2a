package dev.wenku.infrastructure.launcher;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A {@code multipart/form-data} request body with file parts, for uploading files without a client library. */
public final class MultipartBody {

    private final String boundary = "wenku-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    public MultipartBody file(String partName, String fileName, byte[] content) {
        String header = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\""
            + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        body.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public HttpRequest.BodyPublisher publisher() {
        ByteArrayOutputStream complete = new ByteArrayOutputStream();
        complete.writeBytes(body.toByteArray());
        complete.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.BodyPublishers.ofByteArray(complete.toByteArray());
    }
}
