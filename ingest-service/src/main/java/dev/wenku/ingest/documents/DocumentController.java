package dev.wenku.ingest.documents;

import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.ingest.files.DecodedFile;
import dev.wenku.ingest.files.FileDecoder;
import dev.wenku.ingest.originals.OriginalUpload;
import dev.wenku.ingest.registry.DocumentPage;
import dev.wenku.ingest.registry.DocumentRecord;
import dev.wenku.ingest.registry.DocumentRegistry;
import dev.wenku.ingest.registry.ListQuery;
import dev.wenku.support.identity.Caller;
import dev.wenku.support.problem.ApiException;
import dev.wenku.text.DecodedText;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Editors' document API. An upload answers 202 once something new is stored in the registry (PostgreSQL) with its
 * event, which the outbox relay then publishes to Kafka; 200 when everything uploaded was already there. A record's
 * {@code ETag} is its version; {@code If-Match} on an edit or deletion makes it apply only to that version (412
 * otherwise); without {@code If-Match} the change applies to whatever version is current.
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
            upload.author(), upload.tags(), validator.split(split), null, Caller.current(Caller.UNKNOWN))));
    }

    @PostMapping(consumes = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<UploadResult> uploadText(@RequestBody(required = false) byte[] body,
                                                   @RequestParam(required = false) String title,
                                                   @RequestParam(required = false) String source,
                                                   @RequestParam(required = false) String author,
                                                   @RequestParam(required = false) List<String> tags,
                                                   @RequestParam(required = false) Boolean split) {
        validator.validateText(body);
        DecodedText text = files.decodeText(body);
        ReadableText.require(text.text(), "The text");
        return answer(ingestion.ingest(new IncomingText(text.text(), text.encoding(), source, null, title, author, tags,
            validator.split(split), new OriginalUpload(null, MediaType.TEXT_PLAIN_VALUE, body),
            Caller.current(Caller.UNKNOWN))));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<UploadResult> uploadFile(@RequestPart("file") MultipartFile file,
                                                   @RequestParam(required = false) String title,
                                                   @RequestParam(required = false) String source,
                                                   @RequestParam(required = false) String author,
                                                   @RequestParam(required = false) List<String> tags,
                                                   @RequestParam(required = false) Boolean split) throws IOException {
        String name = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        byte[] bytes = file.getBytes();
        DecodedFile decoded = files.decode(name, bytes);
        return answer(ingestion.ingest(IncomingText.ofFile(decoded, source != null ? source : name,
                new OriginalUpload(name, file.getContentType(), bytes), validator.split(split),
                Caller.current(Caller.UNKNOWN))
            .withTitle(title).withAuthor(author).withTags(tags)));
    }

    /** Several files in one request; each gets its own result, and a bad file does not stop the others. */
    @PostMapping(path = "/batch", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public BatchUpload.BatchResult uploadBatch(@RequestPart("files") List<MultipartFile> uploads,
                                               @RequestParam(required = false) List<String> tags,
                                               @RequestParam(required = false) Boolean split) {
        return batch.upload(uploads, tags, validator.split(split), Caller.current(Caller.UNKNOWN));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<DocumentOutcome> update(@PathVariable String id, @RequestBody DocumentUpload upload,
                                                  @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        validator.validate(upload);
        DocumentOutcome outcome = ingestion.update(id, new IncomingText(upload.body(), null, upload.source(), null,
            upload.title(), upload.author(), upload.tags(), false, null, Caller.current(Caller.UNKNOWN)),
            VersionTags.expected(ifMatch));
        return ResponseEntity.status(outcome.changed() ? 202 : 200).eTag(VersionTags.of(outcome.version()))
            .body(outcome);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<DocumentOutcome> delete(@PathVariable String id,
                                                  @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return ResponseEntity.ok(ingestion.delete(id, VersionTags.expected(ifMatch), Caller.current(Caller.UNKNOWN)));
    }

    @GetMapping("/{id}")
    public ResponseEntity<DocumentRecord> get(@PathVariable String id) {
        DocumentRecord record = ingestion.find(id);
        return ResponseEntity.ok().eTag(VersionTags.of(record.version())).body(record);
    }

    /**
     * The editors' list: a title search (Simplified or Traditional), filters by status, source, tag, author and
     * update date ({@code since} inclusive, {@code until} exclusive, {@code yyyy-MM-dd} or an instant), an order
     * ({@code updated}: last changed first; {@code title}: by pinyin; {@code status}) and a page. Deleted documents only
     * with {@code includeDeleted} (or {@code status=DELETED}).
     */
    @GetMapping
    public DocumentPage list(@RequestParam(defaultValue = "0") int from,
                             @RequestParam(defaultValue = "50") int size,
                             @RequestParam(defaultValue = "false") boolean includeDeleted,
                             @RequestParam(required = false) String q,
                             @RequestParam(required = false) String status,
                             @RequestParam(required = false) String source,
                             @RequestParam(required = false) String tag,
                             @RequestParam(required = false) String author,
                             @RequestParam(required = false) String since,
                             @RequestParam(required = false) String until,
                             @RequestParam(defaultValue = "updated") String sort) {
        if (from < 0) {
            throw ApiException.invalidParameter("from", "from must be 0 or more, got " + from + ".");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.invalidParameter("size", "size must be between 1 and " + MAX_PAGE_SIZE + ", got " + size
                + ".");
        }
        if ((long) from + size > DocumentRegistry.WINDOW) {
            throw ApiException.invalidParameter("from", "The list pages through its first " + DocumentRegistry.WINDOW
                + " documents: from + size must be at most " + DocumentRegistry.WINDOW + ", got " + ((long) from + size)
                + ". Narrow it with a title search or a filter.");
        }
        Status wanted = status == null || status.isBlank() ? null : named(Status.class, "status", status);
        return registry.page(new ListQuery(q, wanted, blankToNull(source), blankToNull(tag), blankToNull(author),
            instant("since", since), instant("until", until), named(ListQuery.Sort.class, "sort", sort),
            includeDeleted || wanted == Status.DELETED, from, size));
    }

    private static <E extends Enum<E>> E named(Class<E> type, String parameter, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter(parameter, parameter + " must be one of "
                + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList()
                + ", got '" + value + "'.");
        }
    }

    private static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidParameter(parameter, parameter + " must be a date (2026-12-01) or an instant"
                + " (2026-12-01T08:00:00Z), got '" + value + "'.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ResponseEntity<UploadResult> answer(UploadResult result) {
        return ResponseEntity.status(result.httpStatus()).body(result);
    }
}
