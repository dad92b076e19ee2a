package dev.wenku.ingest.files;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import dev.wenku.extraction.DocumentExtractor;
import dev.wenku.extraction.ExtractedDocument;
import dev.wenku.extraction.ExtractionException;
import dev.wenku.ingest.IngestProperties;
import dev.wenku.ingest.documents.ReadableText;
import dev.wenku.ingest.documents.UploadRejectedException;
import dev.wenku.text.DecodedText;
import dev.wenku.text.EncodingDetector;
import dev.wenku.text.UndecodableTextException;
import org.springframework.stereotype.Component;

/**
 * Turns an uploaded file into text: plain-text files by detecting their encoding (UTF-8 with or without BOM,
 * UTF-16, GB18030/GBK, Big5), other formats through the isolated extraction workers.
 */
@Component
public class FileDecoder {

    private final DocumentExtractor extractor;
    private final IngestProperties properties;

    public FileDecoder(DocumentExtractor extractor, IngestProperties properties) {
        this.extractor = extractor;
        this.properties = properties;
    }

    /**
     * The text of an uploaded file, whatever its kind, or why it has none: every path a file comes in by (single and
     * batch uploads, the drop folder, zip imports) reads it here, so a file is accepted or refused the same way.
     */
    public DecodedFile decode(String fileName, byte[] bytes) {
        if (bytes.length == 0) {
            throw new UploadRejectedException(ErrorCode.EMPTY_FILE, fileName + " is empty.");
        }
        if (bytes.length > properties.maxFileSize().toBytes()) {
            throw new UploadRejectedException(ErrorCode.FILE_TOO_LARGE, fileName + " has " + bytes.length
                + " bytes; the limit is " + properties.maxFileSize().toBytes() + " bytes (wenku.ingest.max-file-size).");
        }
        DecodedFile decoded = switch (FileKind.of(fileName)) {
            case PLAIN_TEXT -> decodeText(fileName, bytes);
            case HTML -> extract(fileName, checkedHtml(fileName, bytes));
            case EXTRACTED -> extract(fileName, bytes);
            case UNSUPPORTED -> throw new UploadRejectedException(ErrorCode.UNSUPPORTED_TYPE,
                fileName + " is not a supported file type; supported: " + FileKind.SUPPORTED + ".");
        };
        ReadableText.require(decoded.text(), fileName);
        return decoded;
    }

    /** Text that arrived as a request body (text/plain) rather than as a file. */
    public DecodedText decodeText(byte[] bytes) {
        try {
            return EncodingDetector.decode(bytes);
        } catch (UndecodableTextException e) {
            throw undecodable("The text", e);
        }
    }

    private DecodedFile decodeText(String fileName, byte[] bytes) {
        try {
            DecodedText decoded = EncodingDetector.decode(bytes);
            return new DecodedFile(decoded.text(), decoded.encoding(), "text/plain", null, null);
        } catch (UndecodableTextException e) {
            throw undecodable(fileName, e);
        }
    }

    /**
     * An HTML page that does not name its encoding is held to the rules of plain text: bytes in no supported
     * encoding are refused, rather than read by whatever guess Tika makes (which turns random bytes into "text").
     */
    private static byte[] checkedHtml(String fileName, byte[] bytes) {
        if (!HtmlCharset.isDeclared(bytes)) {
            try {
                EncodingDetector.decode(bytes);
            } catch (UndecodableTextException e) {
                throw undecodable(fileName + " names no charset and", e);
            }
        }
        return bytes;
    }

    /**
     * Extracts the text of a .html/.docx/.pdf file; a file no worker could take in time is not refused (nothing is
     * wrong with it): the caller gets {@code extraction_busy}, a 503 it may retry.
     */
    private DecodedFile extract(String fileName, byte[] bytes) {
        try {
            ExtractedDocument document = extractor.extract(fileName, bytes);
            return new DecodedFile(document.text(), null, document.mediaType(), document.title(), document.author());
        } catch (ExtractionException e) {
            throw switch (e.reason()) {
                case BUSY -> new ApiException(ErrorCode.EXTRACTION_BUSY, e.getMessage());
                case UNSUPPORTED_TYPE -> new UploadRejectedException(ErrorCode.UNSUPPORTED_TYPE,
                    e.getMessage());
                case MALFORMED -> new UploadRejectedException(ErrorCode.MALFORMED_FILE, e.getMessage());
                // The file itself was within max-file-size: it is what it inflates to, or needs, that is too much.
                case TOO_LARGE, TIMEOUT, WORKER_CRASHED -> new UploadRejectedException(ErrorCode.UNPROCESSABLE_FILE, e.getMessage());
            };
        }
    }

    private static UploadRejectedException undecodable(String what, UndecodableTextException e) {
        return new UploadRejectedException(ErrorCode.UNDECODABLE_TEXT, what + " is not valid text in any"
            + " supported encoding (UTF-8, UTF-16, GB18030/GBK, Big5): undecodable bytes at offset " + e.byteOffset()
            + ".", e.byteOffset());
    }
}
