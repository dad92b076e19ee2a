package dev.wenku.ingest.hostile;

import dev.wenku.support.testing.TestCallers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/** The HTTP requests of the hostile cases, against {@code <base>/api/documents}. */
final class Uploads {

    /** Longer than the slowest legitimate refusal (an extraction timeout of 20 s): a hang fails the case. */
    static final Duration TIMEOUT = Duration.ofSeconds(45);
    static final String BOUNDARY = "hostile-boundary-7Hq2";

    private Uploads() {
    }

    static Function<URI, HttpRequest> post(String contentType, byte[] body) {
        return base -> request(base, "", contentType, BodyPublishers.ofByteArray(body));
    }

    static Function<URI, HttpRequest> json(byte[] body) {
        return post("application/json", body);
    }

    static Function<URI, HttpRequest> json(String body) {
        return json(body.getBytes(StandardCharsets.UTF_8));
    }

    static Function<URI, HttpRequest> text(byte[] body) {
        return post("text/plain", body);
    }

    /** A body of {@code length} bytes produced while it is sent, with a Content-Length. */
    static Function<URI, HttpRequest> streamed(String contentType, byte[] prefix, byte[] filler, byte[] suffix,
                                               long length) {
        return base -> request(base, "", contentType, BodyPublishers.fromPublisher(
            BodyPublishers.ofInputStream(() -> new RepeatedBytes(prefix, filler, suffix, length)), length));
    }

    /** The same, without a Content-Length (chunked transfer coding): the size is known only once it is read. */
    static Function<URI, HttpRequest> chunked(String contentType, byte[] filler, long length) {
        return base -> request(base, "", contentType,
            BodyPublishers.ofInputStream(() -> new RepeatedBytes(new byte[0], filler, new byte[0], length)));
    }

    static Function<URI, HttpRequest> file(String fileName, byte[] content) {
        return multipart("", Map.of(fileName, content), "file");
    }

    static Function<URI, HttpRequest> batch(Map<String, byte[]> files) {
        return multipart("/batch", files, "files");
    }

    /** A multipart file upload of {@code length} bytes whose content is {@code filler} repeated, streamed. */
    static Function<URI, HttpRequest> streamedFile(String fileName, byte[] filler, long contentLength) {
        byte[] head = partHeader("file", fileName);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        return streamed("multipart/form-data; boundary=" + BOUNDARY, head, filler, tail,
            head.length + contentLength + tail.length);
    }

    static Function<URI, HttpRequest> multipart(String path, Map<String, byte[]> files, String partName) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        files.forEach((name, content) -> {
            body.writeBytes(partHeader(partName, name));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = body.toByteArray();
        return base -> request(base, path, "multipart/form-data; boundary=" + BOUNDARY, BodyPublishers.ofByteArray(bytes));
    }

    static byte[] partHeader(String partName, String fileName) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\""
            + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static HttpRequest request(URI base, String path, String contentType, BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/documents" + path)).timeout(TIMEOUT)
            .header("Authorization", TestCallers.editor()).POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return request.build();
    }

    /** {@code prefix}, then {@code filler} over and over, then {@code suffix}: {@code length} bytes in all. */
    private static final class RepeatedBytes extends InputStream {

        private final byte[] prefix;
        private final byte[] filler;
        private final byte[] suffix;
        private final long length;
        private long position;

        RepeatedBytes(byte[] prefix, byte[] filler, byte[] suffix, long length) {
            this.prefix = prefix;
            this.filler = filler;
            this.suffix = suffix;
            this.length = length;
        }

        @Override
        public int read() {
            return position < length ? byteAt(position++) & 0xFF : -1;
        }

        @Override
        public int read(byte[] into, int offset, int count) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(count, length - position);
            for (int i = 0; i < n; i++) {
                into[offset + i] = byteAt(position++);
            }
            return n;
        }

        private byte byteAt(long at) {
            if (at < prefix.length) {
                return prefix[(int) at];
            }
            long fromEnd = length - at;
            if (fromEnd <= suffix.length) {
                return suffix[(int) (suffix.length - fromEnd)];
            }
            return filler[(int) ((at - prefix.length) % filler.length)];
        }
    }
}
