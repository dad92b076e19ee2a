package dev.wenku.ingest.hostile;

import static dev.wenku.ingest.hostile.HostileBytes.SIMPLIFIED;
import static dev.wenku.ingest.hostile.HostileBytes.TRADITIONAL;
import static dev.wenku.ingest.hostile.HostileBytes.concat;
import static dev.wenku.ingest.hostile.HostileBytes.encoded;
import static dev.wenku.ingest.hostile.HostileBytes.excerpt;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Text that is not text: random bytes, wrong or mixed encodings, nothing readable, single lines over the limits. Each
 * is sent both as a {@code text/plain} body and as a {@code .txt}/{@code .md} file, which are decoded the same way.
 */
final class TextCases {

    private static final Set<String> UNDECODABLE = Set.of("undecodable_text");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] UTF16BE_BOM = {(byte) 0xFE, (byte) 0xFF};
    private static final long MAX_BODY = 2L * 1024 * 1024;
    private static final long MAX_REQUEST = 20L * 1024 * 1024 + 64 * 1024;

    private TextCases() {
    }

    static void randomBytes(Random random, Consumer<HostileCase> out) {
        byte[] bytes = HostileBytes.undecodable(random, HostileBytes.random(random, HostileBytes.length(random, 16 * 1024)));
        send("text.randomBytes", "random " + bytes.length + " bytes " + head(bytes), random, bytes, 400, UNDECODABLE, out);
    }

    /** Text behind a BOM (which decides the encoding) that is in another encoding, or broken within its own. */
    static void wrongEncoding(Random random, Consumer<HostileCase> out) {
        String simplified = excerpt(random, SIMPLIFIED, 50);
        String traditional = excerpt(random, TRADITIONAL, 50);
        List<String> what = new ArrayList<>();
        byte[] bytes = switch (random.nextInt(5)) {
            case 0 -> {
                what.add("UTF-8 BOM + GBK text");
                yield concat(UTF8_BOM, encoded(simplified, "GBK"));
            }
            case 1 -> {
                what.add("UTF-16LE BOM + UTF-8 text");
                yield concat(UTF16LE_BOM, encoded(simplified, "UTF-8"));
            }
            case 2 -> {
                what.add("UTF-16BE BOM + Big5 text");
                yield concat(UTF16BE_BOM, encoded(traditional, "Big5"));
            }
            case 3 -> {
                what.add("UTF-8 text with CESU-8 surrogates and overlong forms");
                yield concat(encoded(simplified, "UTF-8"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80,
                    (byte) 0xC0, (byte) 0xAF}, encoded(traditional, "UTF-8"));
            }
            default -> {
                what.add("GBK text cut inside a character");
                byte[] gbk = encoded(simplified + simplified, "GBK");
                yield java.util.Arrays.copyOf(gbk, gbk.length - 1);
            }
        };
        bytes = HostileBytes.undecodable(random, bytes);
        send("text.wrongEncoding", String.join(", ", what) + ", " + bytes.length + " bytes " + head(bytes), random,
            bytes, 400, UNDECODABLE, out);
    }

    /** Pieces in UTF-8, GBK, Big5 and UTF-16 in one text: garbage in any single encoding. */
    static void mixedEncodings(Random random, Consumer<HostileCase> out) {
        List<String> charsets = List.of("UTF-8", "GBK", "Big5", "UTF-16LE", "UTF-16BE", "GB18030");
        List<String> used = new ArrayList<>();
        List<byte[]> pieces = new ArrayList<>();
        for (int i = 2 + random.nextInt(6); i > 0; i--) {
            String charset = charsets.get(random.nextInt(charsets.size()));
            used.add(charset);
            pieces.add(encoded(excerpt(random, charset.equals("Big5") ? TRADITIONAL : SIMPLIFIED, 30), charset));
        }
        byte[] bytes = HostileBytes.undecodable(random, concat(pieces.toArray(byte[][]::new)));
        send("text.mixedEncodings", String.join("+", used) + ", " + bytes.length + " bytes", random, bytes, 400,
            UNDECODABLE, out);
    }

    /** Nothing but BOMs, blanks, control characters: no text to store. */
    static void textless(Random random, Consumer<HostileCase> out) {
        String blanks = " \t\r\n\u3000\u00A0\u2003".repeat(1 + random.nextInt(20));
        String controls = "\u0000\u0001\u0007\u001B\u007F\u0085\u200B\uFEFF".repeat(1 + random.nextInt(20));
        Set<String> empty = Set.of("empty_body");
        record Variant(String what, byte[] bytes, Set<String> errors) {
        }
        List<Variant> variants = List.of(
            new Variant("UTF-8 BOM only", UTF8_BOM, empty),
            new Variant("UTF-16LE BOM only", UTF16LE_BOM, empty),
            new Variant("UTF-16BE BOM + blanks", concat(UTF16BE_BOM, encoded(blanks, "UTF-16BE")), empty),
            new Variant("blanks (incl. ideographic and no-break spaces)", encoded(blanks, "UTF-8"), empty),
            new Variant("control characters, zero-width spaces and NULs", encoded(controls, "UTF-8"), empty),
            // Without a BOM, GB18030 is accepted only when the decoded text looks like text: either answer is right.
            new Variant("blanks and controls in GB18030", encoded(blanks + controls, "GB18030"),
                Set.of("empty_body", "undecodable_text")));
        Variant variant = variants.get(random.nextInt(variants.size()));
        send("text.textless", variant.what() + ", " + variant.bytes().length + " bytes", random, variant.bytes(), 400,
            variant.errors(), out);
    }

    static void empty(Random random, Consumer<HostileCase> out) {
        boolean asFile = random.nextBoolean();
        if (asFile) {
            String name = "empty" + pick(random, List.of(".txt", ".md", ".html", ".docx", ".pdf", ".exe", ""));
            out.accept(HostileCase.cheap("file.empty", "empty file " + name, 400, Set.of("empty_file"),
                Uploads.file(name, new byte[0])));
        } else {
            out.accept(HostileCase.cheap("text.empty", "empty text/plain body", 400, Set.of("empty_body"),
                Uploads.text(new byte[0])));
        }
    }

    /** One line over max-body-size (text/plain) or max-file-size (file), sent with a Content-Length. */
    static void hugeLine(Random random, Consumer<HostileCase> out) {
        boolean chinese = random.nextBoolean();
        byte[] filler = encoded(chinese ? "新质生产力" : "xinzhishengchanli", "UTF-8");
        if (random.nextInt(4) == 0) {
            long length = MAX_REQUEST + 1 + random.nextInt(16 * 1024 * 1024);
            out.accept(new HostileCase("file.hugeLine", "a .txt file of one " + length + "-byte line", Set.of(413),
                Set.of("request_too_large", "file_too_large"), false, false,
                Uploads.streamedFile("line.txt", filler, length)));
            return;
        }
        boolean overRequestLimit = random.nextInt(4) == 0;
        long length = overRequestLimit ? MAX_REQUEST + 1 + random.nextInt(8 * 1024 * 1024)
            : MAX_BODY + 1 + random.nextInt(4 * 1024 * 1024);
        length -= length % filler.length;
        out.accept(new HostileCase("text.hugeLine", "text/plain, one line of " + length + " bytes", Set.of(413),
            Set.of(overRequestLimit ? "request_too_large" : "body_too_large"), false, false,
            Uploads.streamed("text/plain", new byte[0], filler, new byte[0], length)));
    }

    /** Over the limits without a Content-Length: the service learns the size only while reading. */
    static void hugeChunked(Random random, Consumer<HostileCase> out) {
        long length = MAX_REQUEST + random.nextInt(64 * 1024 * 1024);
        boolean json = random.nextBoolean();
        byte[] filler = encoded(json ? "[" : "新质生产力", "UTF-8");
        out.accept(new HostileCase("text.hugeChunked", (json ? "application/json of '['" : "text/plain") + ", "
            + length + " bytes, chunked", Set.of(413), Set.of("request_too_large"), false, false,
            Uploads.chunked(json ? "application/json" : "text/plain", filler, length)));
    }

    /** As a text/plain body or as a file of a plain-text type: the same bytes, the same answer. */
    private static void send(String family, String description, Random random, byte[] bytes, int status,
                             Set<String> errors, Consumer<HostileCase> out) {
        BiFunction<String, byte[], HostileCase> file = (name, content) -> HostileCase.cheap(
            family.replace("text.", "file."), name + ": " + description, status, errors, Uploads.file(name, content));
        if (random.nextInt(3) == 0) {
            out.accept(file.apply(pick(random, List.of("a.txt", "笔记.md", "x.TXT", "notes.markdown", "a.text")), bytes));
        } else {
            out.accept(HostileCase.cheap(family, description, status, errors,
                Uploads.post(pick(random, List.of("text/plain", "text/plain; charset=UTF-8", "text/plain; charset=GBK")),
                    bytes)));
        }
    }

    private static String head(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(8, bytes.length)) + (bytes.length > 8 ? " …" : "");
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
