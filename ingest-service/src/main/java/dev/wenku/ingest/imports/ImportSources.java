package dev.wenku.ingest.imports;

import dev.wenku.ingest.IngestProperties;
import dev.wenku.ingest.documents.DocumentIngestion;
import dev.wenku.ingest.documents.UploadValidator;
import dev.wenku.ingest.files.FileDecoder;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Opens an import's body as the source of its format, and says how many of its items one transaction stores. */
@Component
class ImportSources {

    private final IngestProperties properties;
    private final NdjsonSource.Context ndjson;
    private final ZipSource.Context zip;

    ImportSources(IngestProperties properties, JsonMapper json, UploadValidator validator, DocumentIngestion ingestion,
                  FileDecoder files) {
        this.properties = properties;
        // A line holds one JSON upload: as long as a JSON upload's request may be.
        int lineLimit = (int) Math.min(Integer.MAX_VALUE - 8, properties.maxRequestBytes());
        this.ndjson = new NdjsonSource.Context(json, validator, ingestion, lineLimit);
        this.zip = new ZipSource.Context(files, validator, ingestion, properties.maxFileSize().toBytes());
    }

    /** The job's body from {@code position} on. */
    ImportSource open(ImportStore.Job job, long position) throws IOException {
        Path spooled = Path.of(job.spoolPath());
        return switch (job.format()) {
            case NDJSON -> new NdjsonSource(spooled, position, ndjson, job.createdBy());
            case ZIP -> new ZipSource(spooled, position, zip, job.fileName() != null ? job.fileName() : job.id(),
                job.createdBy());
        };
    }

    /** Items stored in one transaction: fewer files than lines, as a file may keep an extraction worker busy. */
    int batchSize(ImportFormat format) {
        return switch (format) {
            case NDJSON -> properties.imports().batchLines();
            case ZIP -> properties.imports().batchFiles();
        };
    }
}
