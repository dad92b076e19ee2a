package dev.wenku.extraction;

import dev.wenku.extraction.ExtractionException.Reason;
import dev.wenku.extraction.FrameProtocol.Request;
import dev.wenku.extraction.FrameProtocol.Response;
import java.util.List;
import java.util.Objects;

/**
 * Extracts the text of uploaded documents (HTML, Word, PDF, ...) with Apache Tika in separate worker
 * JVMs of bounded heap, killed and replaced when a parse times out, crashes or runs out of memory, so a
 * hostile file cannot take the calling service down. Thread-safe: a call waits (at most the timeout)
 * for a free worker. Workers start in the background on construction; {@link #close()} stops them.
 */
public final class DocumentExtractor implements AutoCloseable {

    private final ExtractionSettings settings;
    private final WorkerPool pool;

    public DocumentExtractor(ExtractionSettings settings) {
        this(settings, ExtractionWorker.class.getName());
    }

    /** For tests: workers run {@code workerMainClass} instead of {@link ExtractionWorker}. */
    DocumentExtractor(ExtractionSettings settings, String workerMainClass) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pool = new WorkerPool(settings, WorkerLaunchCommand.of(settings, workerMainClass));
    }

    /**
     * @param fileName the name the file was uploaded under; its extension helps detect the type
     * @param content  the file's bytes
     * @throws ExtractionException with the reason and a message naming the file and the problem
     * @throws IllegalStateException after {@link #close()}
     */
    public ExtractedDocument extract(String fileName, byte[] content) throws ExtractionException {
        Objects.requireNonNull(content, "content");
        String name = fileName == null || fileName.isBlank() ? "(unnamed file)" : fileName;
        if (content.length > settings.maxInputBytes()) {
            throw new ExtractionException(Reason.TOO_LARGE, name + ": the file has " + content.length
                    + " bytes, more than the " + settings.maxInputBytes() + " accepted");
        }
        Response response = pool.extract(new Request(name, content));
        return switch (response.status()) {
            case OK -> new ExtractedDocument(response.textOrMessage(), response.mediaType(), response.title(),
                response.author());
            case UNSUPPORTED_TYPE -> throw failure(Reason.UNSUPPORTED_TYPE, name, response);
            case MALFORMED -> throw failure(Reason.MALFORMED, name, response);
            case TOO_LARGE -> throw failure(Reason.TOO_LARGE, name, response);
        };
    }

    /** Stops the workers. */
    @Override
    public void close() {
        pool.close();
    }

    /** Process ids of the live worker JVMs, for tests. */
    List<Long> workerPids() {
        return pool.workerPids();
    }

    private static ExtractionException failure(Reason reason, String fileName, Response response) {
        return new ExtractionException(reason, fileName + ": " + response.textOrMessage());
    }
}
