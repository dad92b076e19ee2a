package dev.wenku.ingest.imports;

import dev.wenku.ingest.documents.DocumentIngestion;
import dev.wenku.ingest.documents.DocumentUpload;
import dev.wenku.ingest.documents.IncomingText;
import dev.wenku.ingest.documents.UploadRejectedException;
import dev.wenku.ingest.documents.PreparedUpload;
import dev.wenku.ingest.documents.UploadValidator;
import dev.wenku.support.problem.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lines of an NDJSON import, each stored as the JSON upload endpoint stores its body. The position is the byte
 * offset of the next line, so a source opens at once wherever an import resumes.
 */
final class NdjsonSource implements ImportSource {

    /** What storing a line takes: the application's mapper reads a line exactly as the upload endpoint reads a body. */
    record Context(JsonMapper json, UploadValidator validator, DocumentIngestion ingestion, int lineLimit) {
    }

    private final SpooledLines lines;
    private final Context context;
    private final String user;

    NdjsonSource(Path spooled, long position, Context context, String user) throws IOException {
        this.lines = new SpooledLines(spooled, position, context.lineLimit());
        this.context = context;
        this.user = user;
    }

    @Override
    public Item next() throws IOException {
        SpooledLines.Line line = lines.next();
        return line == null ? null : new LineItem(line);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    private final class LineItem implements Item {

        private final SpooledLines.Line line;

        LineItem(SpooledLines.Line line) {
            this.line = line;
        }

        @Override
        public long end() {
            return line.end();
        }

        @Override
        public String fileName() {
            return null;
        }

        @Override
        public PreparedUpload prepare(int number) {
            if (line.tooLong()) {
                throw new UploadRejectedException(ErrorCode.BODY_TOO_LARGE, "Line " + number + " is longer than "
                    + context.lineLimit() + " bytes.");
            }
            String text = utf8(line.bytes(), number);
            if (number == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                return null;
            }
            DocumentUpload upload;
            try {
                upload = context.json().readValue(text, DocumentUpload.class);
            } catch (JacksonException e) {
                throw new UploadRejectedException(ErrorCode.MALFORMED_JSON, "Line " + number + " is not a JSON"
                    + " document with title, body, source, author and tags: " + e.getOriginalMessage());
            }
            UploadValidator validator = context.validator();
            validator.validate(upload);
            return context.ingestion().prepare(new IncomingText(upload.body(), null, upload.source(), null,
                upload.title(), upload.author(), upload.tags(), validator.split(null), null, user));
        }
    }

    private static String utf8(byte[] bytes, int number) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UploadRejectedException(ErrorCode.UNDECODABLE_TEXT, "Line " + number
                + " is not UTF-8 (an NDJSON import is UTF-8 throughout).");
        }
    }
}
