package dev.wenku.ingest.documents;

import dev.wenku.ingest.files.DecodedFile;
import dev.wenku.ingest.files.FileDecoder;
import dev.wenku.kafkatable.TableUnavailable;
import dev.wenku.ingest.web.ApiError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/** Several files in one request, each ingested on its own; what one file does wrong costs the others nothing. */
@Component
public class BatchUpload {

    private final FileDecoder files;
    private final DocumentIngestion ingestion;
    private final UploadValidator validator;

    public BatchUpload(FileDecoder files, DocumentIngestion ingestion, UploadValidator validator) {
        this.files = files;
        this.ingestion = ingestion;
        this.validator = validator;
    }

    /** One file's result: {@code status} is the HTTP status a single upload of it would have had. */
    public record FileResult(String file, int status, UploadResult result, ApiError error) {
    }

    public record BatchResult(List<FileResult> files, String summary) {
    }

    public BatchResult upload(List<MultipartFile> uploads, List<String> tags, boolean split) {
        LoadProgress progress = new LoadProgress("Batch upload", uploads.size());
        List<FileResult> results = new ArrayList<>();
        for (MultipartFile upload : uploads) {
            String name = upload.getOriginalFilename() == null ? "upload" : upload.getOriginalFilename();
            try {
                DecodedFile decoded = files.decode(name, upload.getBytes());
                validator.validateDecoded(decoded.text(), name);
                UploadResult result = ingestion.ingest(new IncomingText(decoded.text(), decoded.encoding(), name, null,
                    decoded.title(), tags, split));
                progress.succeeded(name, result);
                results.add(new FileResult(name, result.httpStatus(), result, null));
            } catch (UploadRejected e) {
                progress.failed(name, e.getMessage());
                results.add(new FileResult(name, e.status().value(), null, new ApiError(e.error(), e.getMessage(), e.byteOffset())));
            } catch (PublishFailed | TableUnavailable e) {
                progress.failed(name, e.getMessage());
                results.add(new FileResult(name, 503, null, new ApiError("kafka_unavailable", e.getMessage())));
            } catch (IOException e) {
                progress.failed(name, e.getMessage());
                results.add(new FileResult(name, 400, null, new ApiError("unreadable_upload", e.getMessage())));
            }
        }
        return new BatchResult(results, progress.totals());
    }
}
