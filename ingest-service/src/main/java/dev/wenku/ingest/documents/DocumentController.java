package dev.wenku.ingest.documents;

import dev.wenku.support.problem.ApiException;
import dev.wenku.ingest.files.DecodedFile;
import dev.wenku.ingest.files.FileDecoder;
import dev.wenku.ingest.registry.DocumentPage;
import dev.wenku.ingest.registry.DocumentRecord;
import dev.wenku.ingest.registry.DocumentRegistry;
import dev.wenku.text.DecodedText;
import java.io.IOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Editors' document API. Uploads answer 202 when something new was stored (only after Kafka acknowledged it) and
 * 200 when everything uploaded was already there.
 */
@RestController
@RequestMapping("/api/documents")
public class DocumentController {

    static final int MAX_PAGE_SIZE = 200;

    private final UploadValidator validator;
    private final FileDecoder files;
    private final DocumentIngestion ingestion;
    private final BatchUpload batch;
    private final DocumentRegistry registry;

    public DocumentController(UploadValidator validator, FileDecoder files, DocumentIngestion ingestion,
                              BatchUpload batch, DocumentRegistry registry) {
        this.validator = validator;
        this.files = files;
        this.ingestion = ingestion;
        this.batch = batch;
        this.registry = registry;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<UploadResult> uploadJson(@RequestBody DocumentUpload upload,
                                                   @RequestParam(required = false) Boolean split) {
        validator.validate(upload);
        return answer(ingestion.ingest(new IncomingText(upload.body(), null, upload.source(), null, upload.title(),
            upload.tags(), validator.split(split))));
    }

    @PostMapping(consumes = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<UploadResult> uploadText(@RequestBody(required = false) byte[] body,
                                                   @RequestParam(required = false) String title,
                                                   @RequestParam(required = false) String source,
                                                   @RequestParam(required = false) List<String> tags,
                                                   @RequestParam(required = false) Boolean split) {
        validator.validateText(body);
        DecodedText text = files.decodeText(body);
        validator.validateDecoded(text.text(), "The text");
        return answer(ingestion.ingest(new IncomingText(text.text(), text.encoding(), source, null, title, tags,
            validator.split(split))));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<UploadResult> uploadFile(@RequestPart("file") MultipartFile file,
                                                   @RequestParam(required = false) String title,
                                                   @RequestParam(required = false) String source,
                                                   @RequestParam(required = false) List<String> tags,
                                                   @RequestParam(required = false) Boolean split) throws IOException {
        String name = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        DecodedFile decoded = files.decode(name, file.getBytes());
        validator.validateDecoded(decoded.text(), name);
        String declaredTitle = title != null ? title : decoded.title();
        return answer(ingestion.ingest(new IncomingText(decoded.text(), decoded.encoding(),
            source != null ? source : name, null, declaredTitle, tags, validator.split(split))));
    }

    /** Several files in one request; each gets its own result, and a bad file does not stop the others. */
    @PostMapping(path = "/batch", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public BatchUpload.BatchResult uploadBatch(@RequestPart("files") List<MultipartFile> uploads,
                                               @RequestParam(required = false) List<String> tags,
                                               @RequestParam(required = false) Boolean split) {
        return batch.upload(uploads, tags, validator.split(split));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<DocumentOutcome> update(@PathVariable String id, @RequestBody DocumentUpload upload) {
        validator.validate(upload);
        DocumentOutcome outcome = ingestion.update(id, new IncomingText(upload.body(), null, upload.source(), null,
            upload.title(), upload.tags(), false));
        return ResponseEntity.status(outcome.changed() ? 202 : 200).body(outcome);
    }

    @DeleteMapping("/{id}")
    public DocumentOutcome delete(@PathVariable String id) {
        return ingestion.delete(id);
    }

    @GetMapping("/{id}")
    public DocumentRecord get(@PathVariable String id) {
        return ingestion.find(id);
    }

    /** Editors' list of documents: newest first by update time, deleted ones only with {@code includeDeleted}. */
    @GetMapping
    public DocumentPage list(@RequestParam(defaultValue = "0") int from,
                             @RequestParam(defaultValue = "50") int size,
                             @RequestParam(defaultValue = "false") boolean includeDeleted) {
        if (from < 0) {
            throw ApiException.invalidParameter("from", "from must be 0 or more, got " + from + ".");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.invalidParameter("size", "size must be between 1 and " + MAX_PAGE_SIZE + ", got " + size + ".");
        }
        return registry.page(from, size, includeDeleted);
    }

    private static ResponseEntity<UploadResult> answer(UploadResult result) {
        return ResponseEntity.status(result.httpStatus()).body(result);
    }
}
