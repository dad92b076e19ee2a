package dev.wenku.ingest.documents;

import dev.wenku.ingest.files.DecodedFile;
import dev.wenku.ingest.files.FileDecoder;
import dev.wenku.ingest.originals.OriginalUpload;
import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import dev.wenku.support.problem.Problems;
import dev.wenku.support.requestid.RequestIds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;
import org.springframework.http.ProblemDetail;
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

    /**
     * One file's result: {@code status} is the HTTP status a single upload of it would have had, and {@code error}
     * the problem document it would have got.
     */
    public record FileResult(String file, int status, UploadResult result, ProblemDetail error) {

        static FileResult failed(String file, ApiException e) {
            return new FileResult(file, e.code().status().value(), null,
                Problems.of(e, null, null, MDC.get(RequestIds.MDC_KEY)));
        }
    }

    public record BatchResult(List<FileResult> files, String summary) {
    }

    public BatchResult upload(List<MultipartFile> uploads, List<String> tags, boolean split, String user) {
        LoadProgress progress = new LoadProgress("Batch upload", uploads.size());
        List<FileResult> results = new ArrayList<>();
        for (MultipartFile upload : uploads) {
            String name = upload.getOriginalFilename() == null ? "upload" : upload.getOriginalFilename();
            try {
                byte[] bytes = upload.getBytes();
                DecodedFile decoded = files.decode(name, bytes);
                UploadResult result = ingestion.ingest(IncomingText.ofFile(decoded, name,
                    new OriginalUpload(name, upload.getContentType(), bytes), split, user).withTags(tags));
                progress.succeeded(name, result);
                results.add(new FileResult(name, result.httpStatus(), result, null));
            } catch (ApiException e) {
                progress.failed(name, e.getMessage());
                results.add(FileResult.failed(name, e));
            } catch (IOException e) {
                progress.failed(name, e.getMessage());
                results.add(FileResult.failed(name, new ApiException(ErrorCode.MALFORMED_MULTIPART,
                    name + " could not be read from the request: " + e.getMessage())));
            }
        }
        return new BatchResult(results, progress.totals());
    }
}
