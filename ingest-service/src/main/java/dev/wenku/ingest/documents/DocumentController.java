package dev.wenku.ingest.documents;

import dev.wenku.events.DocumentIngested;
import dev.wenku.text.PinyinAnnotations;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/documents")
public class DocumentController {

    private final UploadValidator validator;
    private final DocumentPublisher publisher;
    private final Clock clock;

    public DocumentController(UploadValidator validator, DocumentPublisher publisher, Clock clock) {
        this.validator = validator;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Accepts a document; answers 202 only after Kafka acknowledged it. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public UploadAccepted upload(@RequestBody DocumentUpload upload) {
        validator.validate(upload);
        String title = PinyinAnnotations.strip(upload.title().strip()).text();
        String body = PinyinAnnotations.strip(upload.body()).text();
        String id = DocumentIds.of(title, body);
        publisher.publish(DocumentIngested.of(id, 1, title, body, upload.source(), upload.tags(), Instant.now(clock)));
        return new UploadAccepted(id, "RECEIVED");
    }

    public record UploadAccepted(String id, String status) {
    }
}
