package dev.wenku.extraction;

import dev.wenku.extraction.FrameProtocol.Request;
import dev.wenku.extraction.FrameProtocol.Response;
import dev.wenku.extraction.FrameProtocol.Status;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.TikaMemoryLimitException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.DocumentSelector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Property;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

/** Runs inside a worker JVM: detects the type of one file and extracts its text with Tika. */
final class TikaTextExtractor implements ExtractionWorker.RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(TikaTextExtractor.class);
    /** POI's default: a zip entry may inflate at most 100-fold. */
    private static final double MIN_INFLATE_RATIO = 0.01;
    /** Longest author taken from a file's metadata: a name or a few, not a paragraph someone put there. */
    private static final int MAX_AUTHOR_CHARS = 200;

    private final Detector detector;
    private final AutoDetectParser parser;
    private final EncodingDetector encodingDetector;
    private final SupportedTypes supportedTypes;
    private final int maxTextChars;

    TikaTextExtractor(int maxTextChars) {
        TikaConfig config = TikaConfig.getDefaultConfig();
        this.detector = config.getDetector();
        // AutoDetectParser wraps the output in a SecureContentHandler, which stops a document whose text
        // grows far beyond its compressed size (zip bomb) or whose XML nests absurdly deep.
        this.parser = new AutoDetectParser(config);
        this.encodingDetector = new Gb18030WideningDetector(config.getEncodingDetector());
        this.supportedTypes = new SupportedTypes(config.getMediaTypeRegistry());
        this.maxTextChars = maxTextChars;
        restorePoiZipBombCheck();
    }

    @Override
    public Response handle(Request request) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, request.fileName());
        MediaType type = MediaType.OCTET_STREAM;
        try (TikaInputStream input = TikaInputStream.get(request.content())) {
            type = detector.detect(input, metadata).getBaseType();
            if (!supportedTypes.accepts(type)) {
                return Response.failure(Status.UNSUPPORTED_TYPE, type.toString(), "unsupported file type " + type);
            }
            if (type.equals(MediaType.application("pdf")) && !PdfEnd.isPresent(request.content())) {
                return failure(request.fileName(), type, "the PDF is truncated or corrupt", Status.MALFORMED,
                        "no %%EOF in the last 1024 bytes");
            }
            BodyContentHandler text = new BodyContentHandler(maxTextChars);
            parser.parse(input, text, metadata, parseContext());
            // Parsers record some failures as warnings and go on; a refused zip entry leaves no text.
            Optional<String> zipBomb = Arrays.stream(metadata.getValues(TikaCoreProperties.TIKA_META_EXCEPTION_WARNING))
                    .filter(TikaTextExtractor::mentionsZipBomb).findFirst();
            if (zipBomb.isPresent()) {
                return failure(request.fileName(), type, zipBombMessage(type), Status.TOO_LARGE, firstLine(zipBomb.get()));
            }
            return new Response(Status.OK, type.toString(), title(metadata), author(metadata),
                PlainText.tidy(text.toString()));
        } catch (IOException | SAXException | TikaException | RuntimeException | StackOverflowError e) {
            return failure(request.fileName(), type, e);
        }
    }

    private ParseContext parseContext() {
        ParseContext context = new ParseContext();
        context.set(EncodingDetector.class, encodingDetector);
        // Attachments and embedded objects (images, OLE objects, files in a PDF) are not read: less to
        // attack, and their text is not part of the document a person reads.
        context.set(DocumentSelector.class, embedded -> false);
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractInlineImages(false);
        context.set(PDFParserConfig.class, pdf);
        // The streaming docx reader hands text to the SecureContentHandler as it goes; the default
        // DOM-based one would load a whole inflated document first.
        OfficeParserConfig office = new OfficeParserConfig();
        office.setUseSAXDocxExtractor(true);
        context.set(OfficeParserConfig.class, office);
        return context;
    }

    /**
     * Tika's OOXML parser turns POI's inflate-ratio check off (in its static initialiser) and leaves zip
     * bombs to the SecureContentHandler. That handler only counts text it is given, and the docx reader
     * buffers each text run first: a gigabyte-long run fills the heap before the handler sees it.
     */
    private static void restorePoiZipBombCheck() {
        try {
            Class.forName("org.apache.tika.parser.microsoft.ooxml.OOXMLParser");
        } catch (ClassNotFoundException e) {
            return;
        }
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
    }

    private static String title(Metadata metadata) {
        return firstValue(metadata, TikaCoreProperties.TITLE);
    }

    /**
     * The author the file names: Word's and PDF's "author" property, HTML's {@code <meta name="author">} (all
     * {@code dc:creator} in Tika's metadata), or null. Several authors are joined with {@code 、}.
     */
    private static String author(Metadata metadata) {
        String[] creators = metadata.getValues(TikaCoreProperties.CREATOR);
        String joined = Arrays.stream(creators).filter(c -> c != null && !c.isBlank()).map(String::strip).distinct()
            .collect(Collectors.joining("、"));
        if (joined.isEmpty()) {
            return null;
        }
        return joined.length() > MAX_AUTHOR_CHARS ? joined.substring(0, MAX_AUTHOR_CHARS) : joined;
    }

    private static String firstValue(Metadata metadata, Property property) {
        String value = metadata.get(property);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private Response failure(String fileName, MediaType type, Throwable e) {
        String label = SupportedTypes.label(type);
        if (WriteLimitReachedException.isWriteLimitReached(e)) {
            return failure(fileName, type, "the text of the " + label + " is longer than " + maxTextChars + " characters",
                    Status.TOO_LARGE, describe(e));
        }
        if (isZipBomb(e)) return failure(fileName, type, zipBombMessage(type), Status.TOO_LARGE, describe(e));
        if (causedBy(e, "EncryptedDocumentException")) {
            return failure(fileName, type, "the " + label + " is encrypted (password-protected)", Status.UNSUPPORTED_TYPE, describe(e));
        }
        if (e instanceof StackOverflowError) {
            return failure(fileName, type, "the " + label + " is nested too deeply", Status.MALFORMED, describe(e));
        }
        return failure(fileName, type, "the " + label + " is truncated or corrupt", Status.MALFORMED, describe(e));
    }

    private static Response failure(String fileName, MediaType type, String message, Status status, String detail) {
        log.warn("{}: {} ({})", fileName, message, detail);
        return Response.failure(status, type.toString(), message);
    }

    private static String zipBombMessage(MediaType type) {
        return "refused: the " + SupportedTypes.label(type) + " inflates to far more data than its size (zip bomb)";
    }

    private static boolean isZipBomb(Throwable e) {
        if (causedBy(e, TikaMemoryLimitException.class.getSimpleName())) return true;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (mentionsZipBomb(t.getMessage())) return true;
        }
        return false;
    }

    private static boolean mentionsZipBomb(String message) {
        return message != null && message.toLowerCase(Locale.ROOT).contains("zip bomb");
    }

    /** By simple name, so that POI's exceptions of the same name as Tika's count too. */
    private static boolean causedBy(Throwable e, String simpleName) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals(simpleName)) return true;
        }
        return false;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static String describe(Throwable e) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null && chain.length() < 500; t = t.getCause()) {
            if (!chain.isEmpty()) chain.append(" <- ");
            chain.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage() == null ? "" : firstLine(t.getMessage()));
        }
        return chain.toString();
    }
}
